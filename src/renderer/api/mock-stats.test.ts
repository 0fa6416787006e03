// The mock host's statistics of its coverage sample agree with the definitions worked out here another way (np.histogram by bisection).
import { describe, expect, it } from 'vitest';
import { tableStats } from './mock-stats.js';
import { sampleTable } from './mock-tables.js';

/** np.histogram as NumPy documents it: bin i holds edges[i] <= v < edges[i+1], the last bin also its upper edge. */
function bisectHistogram(values: readonly number[], bins: number) {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? hi : lo + (k * (hi - lo)) / bins));
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    let a = 0;
    let b = bins;
    // Largest i with edges[i] <= v.
    while (b - a > 1) {
      const m = (a + b) >> 1;
      if (edges[m]! <= v) a = m;
      else b = m;
    }
    counts[a]!++;
  }
  return { edges, counts };
}

describe('mock statistics', () => {
  const table = sampleTable(5000);
  const rows = Int32Array.from({ length: 2500 }, (_, k) => 2 * k + 1);
  const [chr, pct, c] = tableStats(table, rows, ['chr', 'pct', 'c'], 30);
  const values = (name: string) => Array.from(rows, (r) => table.data.get(name)!.values[r]!);

  it('summarise a float column with NaN', () => {
    const all = values('pct') as number[];
    const ok = all.filter((v) => !Number.isNaN(v));
    const mean = ok.reduce((a, b) => a + b, 0) / ok.length;
    const sorted = [...ok].sort((a, b) => a - b);
    expect(pct!.count).toBe(2500);
    expect(pct!.missing).toBe(all.length - ok.length);
    expect(pct!.missing).toBeGreaterThan(0);
    expect(pct!.min).toBe(sorted[0]);
    expect(pct!.max).toBe(sorted.at(-1));
    expect(pct!.mean).toBeCloseTo(mean, 9);
    expect(pct!.std).toBeCloseTo(Math.sqrt(ok.reduce((a, v) => a + (v - mean) ** 2, 0) / ok.length), 9);
    expect(pct!.distinct).toEqual({ value: new Set(ok).size, exact: true });
    const want = bisectHistogram(ok, 30);
    expect(pct!.histogram!.counts).toEqual(want.counts);
    expect(pct!.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(ok.length);
    pct!.histogram!.edges.forEach((e, i) => expect(e).toBeCloseTo(want.edges[i]!, 9));
  });

  it('summarise integers and strings (top values by count, then text)', () => {
    expect(c!.histogram!.counts).toEqual(bisectHistogram(values('c') as number[], 30).counts);
    const counts = new Map<string, number>();
    for (const v of values('chr') as string[]) counts.set(v, (counts.get(v) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value, count]) => ({ value, count }));
    expect(chr!.top).toEqual(top);
    expect(chr!.distinct).toEqual({ value: counts.size, exact: true });
    expect(chr!.min).toBeUndefined();
  });
});
