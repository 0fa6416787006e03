// Column statistics of a mock table over a view's rows: counts, extremes, moments, distinct values, top values and np.histogram bins.
import type { ColumnStats, Histogram } from '../../shared/view.js';
import { formatValue } from '../../shared/format-value.js';
import type { MockTable } from './mock-tables.js';

/** Above this many distinct values the mock reports the count as an estimate, like a host that switches to HyperLogLog. */
const EXACT_DISTINCT_LIMIT = 4096;
const TOP_VALUES = 10;
/** Numeric columns with at most this many distinct values get top values too. */
const FEW_DISTINCT = 12;

/** Equal-width bins over [min, max] with np.histogram's rules (last bin closed; a single value gets ±0.5). */
export function histogram(values: readonly number[], min: number, max: number, bins: number): Histogram {
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const step = (last - first) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? last : first + k * step));
  const counts = new Array<number>(bins).fill(0);
  const norm = bins / (last - first);
  for (const v of values) {
    let k = Math.floor((v - first) * norm);
    if (k >= bins) k = bins - 1;
    // Rounding in the division can land a value one bin off its edges; NumPy corrects it the same way.
    if (v < edges[k]!) k--;
    else if (k !== bins - 1 && v >= edges[k + 1]!) k++;
    counts[k]!++;
  }
  return { edges, counts };
}

function topOf(counts: Map<string, number>): { value: string; count: number }[] {
  return [...counts].map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, TOP_VALUES);
}

const distinctOf = (n: number) => ({ value: n, exact: n <= EXACT_DISTINCT_LIMIT });

/** Statistics of `names` over the rows `index` (all rows when null). */
export function tableStats(table: MockTable, index: Int32Array | null, names: readonly string[], bins: number): ColumnStats[] {
  const rows = index ? index.length : table.rows;
  const rowAt = (k: number) => (index ? index[k]! : k);
  return names.map((name): ColumnStats => {
    const dtype = table.columns.find((c) => c.name === name)!.dtype;
    const col = table.data.get(name)!;
    if (col.kind === 'string') {
      const counts = new Map<string, number>();
      let missing = 0;
      for (let k = 0; k < rows; k++) {
        const v = col.values[rowAt(k)]!;
        if (v === '') missing++;
        else counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      return { name, dtype, count: rows, missing, distinct: distinctOf(counts.size), top: topOf(counts) };
    }
    const values: number[] = [];
    let missing = 0;
    for (let k = 0; k < rows; k++) {
      const v = col.values[rowAt(k)]!;
      if (Number.isNaN(v)) missing++;
      else values.push(v);
    }
    if (values.length === 0) return { name, dtype, count: rows, missing, distinct: distinctOf(0) };
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    const mean = sum / values.length;
    let squares = 0;
    for (const v of values) squares += (v - mean) ** 2;
    const seen = new Map<number, number>();
    for (const v of values) seen.set(v, (seen.get(v) ?? 0) + 1);
    const top = seen.size <= FEW_DISTINCT ? topOf(new Map([...seen].map(([v, n]) => [formatValue(v, dtype), n]))) : undefined;
    return {
      name, dtype, count: rows, missing, min, max, mean, std: Math.sqrt(squares / values.length),
      distinct: distinctOf(seen.size), ...(top ? { top } : {}), histogram: histogram(values, min, max, bins),
    };
  });
}
