// The CLI against independent truth: `inspect` and `convert` output compared with numpy.loadtxt and read back with h5py and h5dump.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSeedFile } from '../../scripts/seed-data.js';
import { python, runCli } from './test-support/run-cli.js';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const SEED_SPEC = "[('chr','S10'),('pos','<i4'),('pct','<f4'),('c','<i4'),('t','<i4')]";
let dir: string;

/** Lines a seed file would not have: exponents, -0, long mantissas, int32 limits, missing values. */
const TRICKY = [
  'chrom\tpos\tscore\tn\tdepth',
  'chr1\t1\t1e-5\t2147483647\t0',
  'chr1\t2\t-0\t-2147483648\t1',
  'chr2\t3\t0.1000000000000000055511151231257827\t7\t2',
  'chr2\t4\t2.5E+3\t8\tNA',
  'chrX\t5\t-1.7976931348623157e308\t9\t',
  'chrX\t6\t4.9e-324\t10\t5',
].join('\n');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arrayport-cli-'));
  await writeSeedFile(join(dir, 'a.tsv'), 60_000, 11);
  await writeSeedFile(join(dir, 'b.tsv'), 45_000, 12);
  writeFileSync(join(dir, 'tricky.tsv'), `${TRICKY}\n`);
  writeFileSync(join(dir, 'bad.tsv'), 'chr1\t1\t0.5\t1\t2\nchr1\t2\t0.5\t1\t2\nchr1\t3\t0.5\t1\t2\t9\n');
  writeFileSync(join(dir, 'typo.tsv'), 'chr1\t1\t0.5\t1\t2\nchr1\t2\t0.5\t1\t2\nchr1\t3\t0.5\toops\t2\n');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Compares every dataset of an HDF5 file with np.loadtxt of its source, field by field, bit for bit; checks provenance attributes. */
const COMPARE = `
import json, sys, numpy as np, h5py
a = json.load(sys.stdin)
out = []
with h5py.File(a['h5'], 'r') as f:
    for name, src, layout in a['sets']:
        if layout == 'compound':
            got = f[name][()]
            dtype = got.dtype
            attrs = f[name].attrs
        else:
            g = f[name]
            cols = list(g.keys())
            dtype = np.dtype([(c, g[c].dtype) for c in a['columns'][name]])
            got = np.empty(g[cols[0]].shape, dtype)
            for c in a['columns'][name]: got[c] = g[c][()]
            attrs = g.attrs
        if name in a.get('missing', []):
            want = np.genfromtxt(src, dtype=dtype, delimiter='\\t', skip_header=a['skip'].get(name, 0), missing_values=('NA', ''), filling_values=np.nan)
        else:
            want = np.loadtxt(src, dtype=dtype, delimiter='\\t', skiprows=a['skip'].get(name, 0))
        same = all(np.array_equal(np.ascontiguousarray(got[c]).view(np.uint8), np.ascontiguousarray(want[c]).view(np.uint8)) if got[c].dtype.kind == 'f' else np.array_equal(got[c], want[c]) for c in dtype.names)
        out.append({'name': name, 'dtype': str([(n, dtype[n].str) for n in dtype.names]), 'rows': len(got), 'same': bool(same), 'source': attrs['source_path'], 'tool': attrs['tool'], 'reasons': json.loads(attrs['column_reasons'])})
print(json.dumps(out))
`;

describe('arrayport inspect', () => {
  it('describes a seed file and its head as numpy reads it', () => {
    const r = runCli(['inspect', join(dir, 'a.tsv'), '--json', '--rows', '4']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { rows: number; format: string; columns: { name: string; dtype: string; reason: string }[]; head: unknown[][] };
    expect(out.format).toBe('text');
    expect(out.rows).toBe(60_000);
    expect(out.columns.map((c) => c.dtype)).toEqual(['|S5', '<i4', '<f8', '<i4', '<i4']);
    for (const c of out.columns) expect(c.reason.length).toBeGreaterThan(5);
    const truth = python<unknown[][]>(
      `import json,sys,numpy as np\np=json.load(sys.stdin)\na=np.loadtxt(p,dtype=[('a','S5'),('b','<i4'),('c','<f8'),('d','<i4'),('e','<i4')],delimiter='\\t',max_rows=4)\nprint(json.dumps([[r[0].decode(),int(r[1]),float(r[2]),int(r[3]),int(r[4])] for r in a]))`,
      join(dir, 'a.tsv'),
    );
    expect(out.head).toEqual(truth);
  });

  it('prints dialect, columns and head for people', () => {
    const r = runCli(['inspect', join(CORPUS, 'methylation/methylKit__test1.myCpG.txt'), '--rows', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tab-separated · header row/);
    expect(r.stdout).toMatch(/rows\s+1,904/);
    expect(r.stdout).toMatch(/coverage\s+<i4/);
    expect(r.stdout).toMatch(/chr21\.9764539\s+chr21\s+9764539\s+R\s+12\s+25\.0\s+75\.0/);
  });

  it('fails bad input with one line naming file, line and column, exit 1', () => {
    const r = runCli(['inspect', join(dir, 'bad.tsv')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^arrayport: ${join(dir, 'bad.tsv')}:3:\\d+: .*6 fields`));
  });

  it('infers a text column from a stray word, but a dtype spec refuses it at its line and column', () => {
    const inferred = JSON.parse(runCli(['inspect', join(dir, 'typo.tsv'), '--json']).stdout) as { columns: { dtype: string; reason: string }[] };
    expect(inferred.columns[3]).toMatchObject({ dtype: '|S4' });
    expect(inferred.columns[3]!.reason).toMatch(/oops/);
    const r = runCli(['inspect', join(dir, 'typo.tsv'), '--dtype', 'chr:S4,pos:i4,pct:f8,c:i4,t:i4']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^arrayport: ${join(dir, 'typo.tsv')}:3:12: .*'oops'\\n$`));
  });
});

describe('arrayport convert', () => {
  for (const layout of ['compound', 'columns'] as const) {
    for (const compression of ['none', 'gzip=4'] as const) {
      it(`writes ${layout} ${compression} HDF5 that h5py reads equal to numpy.loadtxt`, () => {
        const h5 = join(dir, `out-${layout}-${compression}.h5`);
        const r = runCli(['convert', join(dir, 'a.tsv'), join(dir, 'b.tsv'), join(dir, 'tricky.tsv'), '-o', h5, '--layout', layout, '--compression', compression, '--json']);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const summary = JSON.parse(r.stdout) as { datasets: { name: string; rows: number; dtype: [string, string][] }[]; outputBytes: number };
        expect(summary.datasets.map((d) => [d.name, d.rows])).toEqual([['a', 60_000], ['b', 45_000], ['tricky', 6]]);
        const tricky = summary.datasets[2]!;
        expect(tricky.dtype).toEqual([['chrom', '|S4'], ['pos', '<i4'], ['score', '<f8'], ['n', '<i4'], ['depth', '<f8']]);
        const columns = Object.fromEntries(summary.datasets.map((d) => [d.name, d.dtype.map(([n]) => n)]));
        const result = python<{ name: string; rows: number; same: boolean; tool: string; source: string }[]>(COMPARE, {
          h5,
          columns,
          skip: { tricky: 1 },
          missing: ['tricky'],
          sets: [['a', join(dir, 'a.tsv'), layout], ['b', join(dir, 'b.tsv'), layout], ['tricky', join(dir, 'tricky.tsv'), layout]],
        });
        expect(result.map((d) => [d.name, d.rows, d.same, d.tool])).toEqual([['a', 60_000, true, 'arrayport'], ['b', 45_000, true, 'arrayport'], ['tricky', 6, true, 'arrayport']]);
        expect(result[0]!.source).toBe(join(dir, 'a.tsv'));
        execFileSync('h5dump', ['-H', h5], { stdio: 'ignore' });
        expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
      });
    }
  }

  it('applies a NumPy dtype spec exactly (float32 = float64 then rounded)', () => {
    const h5 = join(dir, 'spec.h5');
    const r = runCli(['convert', join(dir, 'a.tsv'), '-o', h5, '--dtype', SEED_SPEC, '--json']);
    expect(r.code).toBe(0);
    const [a] = python<{ dtype: string; same: boolean }[]>(COMPARE, { h5, columns: {}, skip: {}, sets: [['a', join(dir, 'a.tsv'), 'compound']] });
    expect(a!.dtype).toBe("[('chr', '|S10'), ('pos', '<i4'), ('pct', '<f4'), ('c', '<i4'), ('t', '<i4')]");
    expect(a!.same).toBe(true);
  });

  it('converts real corpus files (BGZF with CRLF, 41-digit mantissas) equal to numpy', () => {
    const h5 = join(dir, 'corpus.h5');
    const bgz = join(CORPUS, 'methylation/methylKit__test1.txt.bgz');
    const ellint = join(CORPUS, 'text_tables/scipy__ellint_rg.txt');
    const r = runCli(['convert', bgz, ellint, '-o', h5, '--json']);
    expect(r.stderr).toBe('');
    const check = python<{ same: boolean; rows: number }[]>(
      `import json,sys,gzip,numpy as np,h5py
a=json.load(sys.stdin); out=[]
with h5py.File(a['h5'],'r') as f:
    got=f['methylKit__test1'][()]; want=np.loadtxt(gzip.open(a['bgz']),dtype=got.dtype,delimiter='\\t')
    out.append({'rows':len(got),'same':bool(all(np.array_equal(got[c],want[c]) for c in got.dtype.names))})
    got=f['scipy__ellint_rg'][()]; want=np.loadtxt(a['ellint'],dtype=got.dtype)
    out.append({'rows':len(got),'same':bool(all(np.array_equal(np.ascontiguousarray(got[c]).view(np.uint8),np.ascontiguousarray(want[c]).view(np.uint8)) for c in got.dtype.names))})
print(json.dumps(out))`,
      { h5, bgz, ellint },
    );
    expect(check).toEqual([{ rows: 1904, same: true }, { rows: 9993, same: true }]);
  });

  it('fails bad input with one line, exit 1, and creates no output file', () => {
    const h5 = join(dir, 'never.h5');
    const r = runCli(['convert', join(dir, 'a.tsv'), join(dir, 'bad.tsv'), '-o', h5]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^arrayport: .*bad\.tsv:3:\d+: /);
    expect(existsSync(h5)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.never'))).toEqual([]);
  });
});
