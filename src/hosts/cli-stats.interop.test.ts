// `inspect --stats` against NumPy: a generated table with NaN and strings, and a real corpus file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnStats } from '../shared/view.js';
import { python, runCli } from './test-support/run-cli.js';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'arrayport-cli-stats-'));
  const lines = ['name\tx\tn'];
  for (let i = 0; i < 5000; i++) lines.push(`${['aa', 'bb', 'cc'][(i * 7) % 3]}\t${i % 97 === 0 ? 'nan' : ((i * 37) % 1000) / 7}\t${(i * 13) % 50 - 10}`);
  writeFileSync(join(dir, 't.tsv'), `${lines.join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Inspected {
  rows: number;
  stats: ColumnStats[];
}

describe('inspect --stats', () => {
  it('prints a statistics table, and --json carries values equal to NumPy', { timeout: 180_000 }, () => {
    const file = join(dir, 't.tsv');
    const text = runCli(['inspect', file, '--stats', '--bins', '20']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/statistics \(/);
    expect(text.stdout).toMatch(/^\s+x\s+5,000\s+52\s/m);
    const json = runCli(['inspect', file, '--stats', '--bins', '20', '--json']);
    expect(json.code).toBe(0);
    const got = JSON.parse(json.stdout) as Inspected;
    const truth = python<{ nan: number; min: number; max: number; mean: number; hist: number[]; nmin: number; top: [string, number][] }>(
      `import json, sys, numpy as np
a = json.load(sys.stdin)
t = np.genfromtxt(a['file'], names=True, dtype=None, encoding='ascii', delimiter='\\t')
x = t['x']; f = x[~np.isnan(x)]
h, _ = np.histogram(f, 20, range=(f.min(), f.max()))
v, c = np.unique(t['name'], return_counts=True)
order = sorted(zip(v.tolist(), c.tolist()), key=lambda p: (-p[1], p[0]))
print(json.dumps(dict(nan=int(np.isnan(x).sum()), min=float(f.min()), max=float(f.max()), mean=float(f.mean()), hist=h.tolist(), nmin=int(t['n'].min()), top=order)))`,
      { file },
    );
    const [name, x, n] = got.stats as [ColumnStats, ColumnStats, ColumnStats];
    expect(x).toMatchObject({ count: 5000, missing: truth.nan, min: truth.min, max: truth.max });
    // 1e-12 relative: summation order differs from NumPy's pairwise sum.
    expect(Math.abs(x.mean! - truth.mean)).toBeLessThan(1e-12 * Math.abs(truth.mean));
    expect(x.histogram!.counts).toEqual(truth.hist);
    expect(n.min).toBe(truth.nmin);
    expect(name.top!.map((t) => [t.value, t.count])).toEqual(truth.top);
  });

  it('summarises a real corpus file as NumPy reads it', { timeout: 120_000 }, () => {
    const file = join(CORPUS, 'text_tables/vega__seattle-weather-hourly-normals.csv');
    const r = runCli(['inspect', file, '--stats', '--json']);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout) as Inspected;
    const truth = python<Record<string, [number, number, number, number]>>(
      `import json, sys, numpy as np
a = json.load(sys.stdin)
t = np.genfromtxt(a['file'], names=True, dtype=None, encoding='utf-8', delimiter=',')
out = {}
for k in ('pressure', 'temperature', 'wind'):
    x = t[k].astype(float); f = x[~np.isnan(x)]
    out[k] = [int(np.isnan(x).sum()), float(f.min()), float(f.max()), float(f.mean())]
print(json.dumps(out))`,
      { file },
    );
    for (const [col, [missing, min, max, mean]] of Object.entries(truth)) {
      const s = got.stats.find((c) => c.name === col)!;
      expect(s).toMatchObject({ count: got.rows, missing, min, max });
      expect(Math.abs(s.mean! - mean)).toBeLessThan(1e-12 * Math.max(1, Math.abs(mean)));
    }
  });

  it('refuses a bad --bins with a usage error', () => {
    const r = runCli(['inspect', join(dir, 't.tsv'), '--stats', '--bins', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--bins must be a whole number from 1 to 1000/);
  });
});
