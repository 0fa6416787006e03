// `convert --where/--sort/--columns/--format` against NumPy doing the same filter and stable sort on np.loadtxt of the input.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { python, runCli } from './test-support/run-cli.js';

const ROWS = 30_000;
const CHRS = ['chr1', 'chr2', 'chrX', 'c,1'];
let dir: string;
let input: string;

/** Ties, NaN and negative numbers, a name with a comma; a small LCG so the file is the same on every run. */
function writeTable(path: string): void {
  let x = 4242;
  const next = (): number => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['chr\tpos\tpct\tc\tt'];
  for (let i = 0; i < ROWS; i++) {
    const pct = next() < 0.03 ? 'nan' : (Math.round(next() * 10000) / 100).toString();
    lines.push(`${CHRS[Math.floor(next() * CHRS.length)]}\t${Math.floor(next() * 500) - 20}\t${pct}\t${Math.floor(next() * 30)}\t${Math.floor(next() * 30)}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'arrayport-cliview-'));
  input = join(dir, 'cov.tsv');
  writeTable(input);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * NumPy's answer: keep = pct > 50 and chr == b'chr1' (or every row), then a stable sort by chr ascending and pct
 * descending with NaN last (lexsort is stable; np.sort puts NaN last, and for descending keys the ranks are
 * reversed among the non-NaN values only), then the chosen columns; compared with what the output holds.
 */
const TRUTH = `
import json, sys, csv, numpy as np, h5py
a = json.load(sys.stdin)
t = np.loadtxt(a['input'], delimiter='\\t', skiprows=1, dtype=[('chr', 'S4'), ('pos', '<i4'), ('pct', '<f8'), ('c', '<i4'), ('t', '<i4')], comments=None)
rows = t[(t['pct'] > 50) & (t['chr'] == b'chr1')] if a['where'] else t
if a['sort']:
    pct = rows['pct']
    rank = np.unique(pct[~np.isnan(pct)], return_inverse=True)[1]
    desc = np.full(len(pct), np.iinfo(np.int64).max)
    desc[~np.isnan(pct)] = -rank
    rows = rows[np.lexsort((desc, rows['chr']))]
want = rows[a['columns']]
out = {'rows': len(want)}
fmt = a['format']
if fmt == 'npy':
    got = np.load(a['output'])
elif fmt == 'hdf5':
    with h5py.File(a['output'], 'r') as f:
        got = f['cov'][()]
        out['attrs'] = {k: (v.item() if hasattr(v, 'item') else v) for k, v in f['cov'].attrs.items() if k in ('row_selection', 'source_rows')}
else:
    with open(a['output'], newline='', encoding='utf-8') as fh:
        table = list(csv.reader(fh))
    out['header'] = table[0]
    got = np.empty(len(table) - 1, dtype=want.dtype)
    for k, name in enumerate(a['columns']):
        cells = [r[k] for r in table[1:]]
        got[name] = [c.encode() for c in cells] if want.dtype[name].kind == 'S' else [float(c) if want.dtype[name].kind == 'f' else int(c) for c in cells]
out['names'] = list(got.dtype.names)
out['same'] = len(got) == len(want) and all(
    np.array_equal(np.ascontiguousarray(got[n]).view(np.uint8), np.ascontiguousarray(want[n]).view(np.uint8)) if want.dtype[n].kind == 'f' else np.array_equal(got[n], want[n])
    for n in a['columns'])
print(json.dumps(out))
`;

interface Truth {
  rows: number;
  names: string[];
  same: boolean;
  header?: string[];
  attrs?: Record<string, string | number>;
}

function truth(output: string, format: string, columns: string[], where = true, sort = true): Truth {
  return python<Truth>(TRUTH, { input, output, format, columns, where, sort });
}

function partials(): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.partial'));
}

// Each case starts the CLI from its sources (tsx), which takes tens of seconds on a loaded machine.
describe('arrayport convert with a view', { timeout: 180_000 }, () => {
  const WHERE = 'pct > 50 and chr == "chr1"';
  const COLUMNS = ['pos', 'pct', 'chr'];

  for (const [file, format] of [['view.npy', 'npy'], ['view.csv', 'csv'], ['view.h5', 'hdf5']] as const) {
    it(`writes the filtered, sorted, chosen columns as ${format} (chosen from the extension) equal to NumPy`, () => {
      const output = join(dir, file);
      const r = runCli(['convert', input, '-o', output, '--where', WHERE, '--sort', 'chr,-pct', '--columns', COLUMNS.join(','), '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.stdout) as { format: string; datasets: { rows: number; sourceRows: number; dtype: [string, string][] }[] };
      const want = truth(output, format, COLUMNS);
      expect(summary.format).toBe(format);
      expect(summary.datasets[0]).toMatchObject({ rows: want.rows, sourceRows: ROWS });
      expect(summary.datasets[0]!.dtype.map(([n]) => n)).toEqual(COLUMNS);
      expect(want.rows).toBeGreaterThan(1000);
      expect(want).toMatchObject({ names: COLUMNS, same: true });
      if (format === 'csv') expect(want.header).toEqual(COLUMNS);
      if (format === 'hdf5') expect(want.attrs).toEqual({ row_selection: 'view', source_rows: ROWS });
      expect(partials()).toEqual([]);
    });
  }

  it('sorts with col:desc, keeps every column without --columns, and --format overrides the extension', () => {
    const output = join(dir, 'sorted.txt');
    const r = runCli(['convert', input, '-o', output, '--sort', 'chr:asc,pct:desc', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(truth(output, 'csv', ['chr', 'pos', 'pct', 'c', 't'], false)).toMatchObject({ rows: ROWS, same: true });
  });

  it('a bad --where fails in one line, exit 1, with no output file', () => {
    const output = join(dir, 'never.npy');
    const r = runCli(['convert', input, '-o', output, '--where', 'pct >> 5']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^arrayport: --where: \S/);
    expect(existsSync(output)).toBe(false);
    expect(partials()).toEqual([]);
  });

  it('an unknown --columns name fails in one line naming the option', () => {
    const r = runCli(['convert', input, '-o', join(dir, 'never.csv'), '--columns', 'pos,nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("arrayport: --columns: cov.tsv has no column 'nope' (its columns: chr, pos, pct, c, t)\n");
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);
  });

  const usage: [string, string[], string][] = [
    ['an HDF5-only option with csv output', ['-o', 'x.csv', '--compression', 'gzip'], 'arrayport: --compression applies to HDF5 output, not csv\n'],
    ['several files for npy output', ['-o', 'x.npy', 'SECOND'], 'arrayport: npy output holds one table: give one FILE, not 2\n'],
    ['an unknown --format', ['-o', 'x.h5', '--format', 'parquet'], "arrayport: --format must be hdf5, npy or csv, got 'parquet'\n"],
  ];
  for (const [what, args, message] of usage) {
    it(`refuses ${what} (exit 2)`, () => {
      const argv = args.map((a) => (a === 'SECOND' ? input : a.startsWith('x.') ? join(dir, a) : a));
      expect(runCli(['convert', input, ...argv])).toMatchObject({ code: 2, stderr: message });
    });
  }
});
