// computeStats over datasets in a real segment store, against NumPy loading the same store files itself.
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../load-error.js';
import { openDatasetReader, type DatasetReader } from '../store/dataset-reader.js';
import type { DatasetWriterOptions } from '../store/dataset-writer.js';
import { parseDType } from '../../shared/dtype.js';
import { readManifest } from '../store/manifest-file.js';
import { numpy } from '../store/numpy-oracle.js';
import { useTempStore } from '../store/test-support/temp-store.js';
import type { ColumnBatch } from '../store/table-sink.js';
import { computeStats } from './column-stats.js';
import { PY_DESCRIBE, bytesOf, expectMatchesNumpy, type Truth } from './test-support/numpy-truth.js';

const PREFIX = 'arrayporttest-stats';
const { readers, writer } = useTempStore(PREFIX);

interface GeneratedColumn {
  name: string;
  dtype: string;
  /** base64 of the little-endian values, or the strings themselves. */
  data?: string;
  strings?: string[];
}
interface Generated {
  rows: number;
  columns: GeneratedColumn[];
  /** base64 '<u4' ascending rows: a dense run (whole blocks) and a random sample (gathered blocks). */
  subset: string;
}

/** Every stored type: NaN, ±inf, all-NaN, constant, dictionary strings with '' and UTF-8, plain strings past 65,536 distinct. */
const GENERATE = `
import base64
def b64(a): return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode()
rng = np.random.default_rng(31)
n = ARGS['rows']
cols = []
def fixed(name, x): cols.append({'name': name, 'dtype': x.dtype.str, 'data': b64(x)})
def strings(name, values): cols.append({'name': name, 'dtype': '|S1', 'strings': list(values)})
fixed('i4', rng.integers(-1000, 1000, n, dtype=np.int32))
i8 = rng.integers(-2**63, 2**63 - 1, n, dtype=np.int64)
if n > 77: i8[[5, 77]] = [-2**63, 2**63 - 1]
fixed('i8', i8)
fixed('u8', rng.integers(0, 2**64 - 1, n, dtype=np.uint64, endpoint=True))
f4 = rng.normal(5, 2, n).astype(np.float32); f4[rng.random(n) < 0.02] = np.nan
fixed('f4', f4)
f8 = rng.normal(-40, 7, n); f8[rng.random(n) < 0.01] = np.nan
fixed('f8', f8)
g = rng.normal(0, 1e6, n); g[::1000] = np.inf; g[7::1000] = -np.inf; g[3::500] = np.nan
fixed('f8 with inf', g)
h = rng.normal(0, 3, n).astype(np.float16); h[rng.random(n) < 0.05] = np.nan
fixed('f2', h)
fixed('bool', rng.random(n) < 0.3)
fixed('few', rng.choice(np.array([3, -1, 10, 7, 0, 2**20, -5], np.int32), n, p=[.3, .2, .15, .15, .1, .05, .05]))
fixed('all NaN', np.full(n, np.nan))
fixed('constant', np.full(n, 42, np.int16))
fixed('complex', rng.normal(size=n) + 1j * rng.normal(size=n))
fixed('unicode', rng.choice(np.array(['α', 'beta', 'γγ', 'δ', ''], '<U4'), n))
chrom = ['chr%d' % k for k in range(1, 23)] + ['chrX', 'chrY', '', 'é-ü']
strings('chrom', [chrom[i] for i in rng.integers(0, len(chrom), n)])
ids = np.array(['id%06d' % k for k in rng.integers(0, 2 * n, n)], dtype=object)
u = rng.random(n)
for k in range(12): ids[(u >= k * 0.015) & (u < (k + 1) * 0.015 - k * 0.0007)] = 'hot%02d' % k
ids[rng.random(n) < 0.01] = ''
strings('id', ids)
strings('ties', [['b', 'a', 'cc', 'a', 'b', 'cc'][i % 6] for i in range(n - n % 6)] + ['z'] * (n % 6))
subset = np.union1d(np.arange(10_000, 150_000), rng.choice(n, 30_000, replace=False)).astype('<u4') if n else np.zeros(0, '<u4')
print(json.dumps({'rows': n, 'columns': cols, 'subset': b64(subset)}))
`;

/** NumPy loads each column from the store's own .npy files (dictionary columns as values[codes]) and describes it. */
const TRUTH = `
import os
a = ARGS
def load(c):
    s = c['storage']
    if s['kind'] == 'plain': col = np.load(os.path.join(a['dir'], s['file']))
    else: col = np.load(os.path.join(a['dir'], s['valuesFile']))[np.load(os.path.join(a['dir'], s['codesFile']))]
    return col.astype(c['dtype'])
idx = np.frombuffer(base64.b64decode(a['subset']), '<u4') if a['subset'] else None
cols = [c for c in a['columns'] if a['names'] is None or c['name'] in a['names']]
print(json.dumps([describe(c['name'], load(c) if idx is None else load(c)[idx], a['bins']) for c in cols]))
`;

function truth(dir: string, options: { subset?: string; bins?: number; names?: string[] } = {}): Truth[] {
  return numpy<Truth[]>(PY_DESCRIBE + TRUTH, { dir, columns: readManifest(dir).columns, subset: options.subset ?? null, bins: options.bins ?? 50, names: options.names ?? null });
}

function encodeStrings(values: readonly string[]): { bytes: Uint8Array; offsets: Int32Array } {
  const parts = values.map((v) => Buffer.from(v, 'utf8'));
  const offsets = new Int32Array(values.length + 1);
  parts.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length));
  return { bytes: new Uint8Array(Buffer.concat(parts)), offsets };
}

/** Writes the generated columns through the real DatasetWriter in 50,000-row appends. */
function writeDataset(gen: Generated, options?: DatasetWriterOptions): DatasetReader {
  const w = writer('stats', options);
  w.begin(gen.columns.map((c) => ({ name: c.name, dtype: c.dtype, reason: '' })));
  const raw = gen.columns.map((c) => (c.data !== undefined ? new Uint8Array(bytesOf(c.data)) : null));
  for (let at = 0; at < gen.rows; at += 50_000) {
    const m = Math.min(50_000, gen.rows - at);
    const batches = gen.columns.map((c, k): ColumnBatch => {
      if (c.strings) return { kind: 'strings', ...encodeStrings(c.strings.slice(at, at + m)) };
      const size = parseDType(c.dtype).itemSize;
      return { kind: 'fixed', data: raw[k]!.slice(at * size, (at + m) * size) };
    });
    w.append(m, batches);
  }
  w.finish();
  const r = openDatasetReader(w.dir);
  readers.push(r);
  return r;
}

describe('computeStats over the segment store', () => {
  const gen = numpy<Generated>(GENERATE, { rows: 200_000 });
  const reader = writeDataset(gen);

  it('stores the columns the way the cases need (dictionary, plain past the dictionary limit, UTF-32)', () => {
    const kinds = Object.fromEntries(reader.manifest.columns.map((c) => [c.name, `${c.storage.kind} ${c.dtype}`]));
    expect(kinds).toMatchObject({ chrom: 'dictionary |S5', id: 'plain |S8', unicode: 'plain <U4', complex: 'plain <c16', bool: 'plain |b1' });
  });

  it('every column of 200,000 rows matches NumPy', () => {
    const ours = computeStats(reader);
    const theirs = truth(reader.dir);
    expect(ours.map((s) => s.name)).toEqual(theirs.map((t) => t.name));
    ours.forEach((s, i) => expectMatchesNumpy(s, theirs[i]!));
    // The plain string column is past the exact limit: an estimate, and its top (values above 1/65,537 of the rows) exact.
    expect(ours.find((s) => s.name === 'id')!.distinct!.exact).toBe(false);
    // Equal counts are listed by value, as np.unique orders them.
    expect(ours.find((s) => s.name === 'ties')!.top).toEqual([{ value: 'a', count: 66666 }, { value: 'b', count: 66666 }, { value: 'cc', count: 66666 }, { value: 'z', count: 2 }]);
  });

  it('the rows of a view: statistics of x[rows], with chosen columns in the asked order and 13 bins', () => {
    const rows = new Uint32Array(bytesOf(gen.subset));
    const names = ['id', 'f8', 'chrom', 'i8', 'f2', 'bool', 'few', 'unicode', 'f8 with inf', 'u8', 'complex'];
    const ours = computeStats(reader, { rows, columns: names, bins: 13 });
    expect(ours.map((s) => s.name)).toEqual(names);
    const theirs = truth(reader.dir, { subset: gen.subset, bins: 13, names });
    for (const s of ours) expectMatchesNumpy(s, theirs.find((t) => t.name === s.name)!);
  });

  it('a plain string column with few distinct values is exact', () => {
    const few = { rows: 30_000, subset: '', columns: [gen.columns.find((c) => c.name === 'chrom')!, gen.columns.find((c) => c.name === 'f4')!] };
    const r = writeDataset({ ...few, columns: few.columns.map((c) => ({ ...c, strings: c.strings?.slice(0, 30_000), data: c.data && Buffer.from(c.data, 'base64').subarray(0, 30_000 * 4).toString('base64') })) }, { dictionaryLimit: 4 });
    expect(r.manifest.columns[0]!.storage.kind).toBe('plain');
    const ours = computeStats(r);
    truth(r.dir).forEach((t, i) => expectMatchesNumpy(ours[i]!, t));
    expect(ours[0]!.distinct).toEqual({ value: 25, exact: true });
  });

  it('an empty dataset: counts of zero and no extremes, for every kind of column', () => {
    const empty = numpy<Generated>(GENERATE, { rows: 0 });
    const r = writeDataset(empty);
    const ours = computeStats(r);
    truth(r.dir).forEach((t, i) => expectMatchesNumpy(ours[i]!, t));
    expect(ours.every((s) => s.count === 0 && s.histogram === undefined)).toBe(true);
  });

  it('reports progress up to 1 and stops with CancelledError when aborted', () => {
    const seen: number[] = [];
    computeStats(reader, { columns: ['f8', 'chrom', 'complex'], onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((f, i) => f >= (seen[i - 1] ?? 0) && f <= 1)).toBe(true);
    expect(seen.at(-1)).toBe(1);

    const early = new AbortController();
    early.abort();
    expect(() => computeStats(reader, { signal: early.signal })).toThrow(CancelledError);
    const midway = new AbortController();
    let calls = 0;
    const run = () => computeStats(reader, { signal: midway.signal, onProgress: () => ++calls === 2 && midway.abort() });
    expect(run).toThrow(CancelledError);
    expect(calls).toBe(2);
  });

  it('refuses bad requests with a clear message', () => {
    expect(() => computeStats(reader, { bins: 0 })).toThrow(/bins must be an integer from 1 to 1000/);
    expect(() => computeStats(reader, { bins: 1001 })).toThrow(RangeError);
    expect(() => computeStats(reader, { bins: 2.5 })).toThrow(RangeError);
    expect(() => computeStats(reader, { columns: ['nope'] })).toThrow(/no column 'nope'/);
    expect(() => computeStats(reader, { rows: Uint32Array.of(1, 200_000) })).toThrow(/row 200000 is past the 200000 rows/);
    expect(() => computeStats(reader, { rows: Uint32Array.of(5, 3) })).toThrow(/ascending rows; row 3 follows row 5/);
  });

  it('counts only committed rows of a dataset still loading', () => {
    const w = writer('loading');
    w.begin([{ name: 'x', dtype: '<f8', reason: '' }]);
    w.append(1000, [{ kind: 'fixed', data: Float64Array.from({ length: 1000 }, (_, k) => k) }]);
    w.commit();
    w.append(500, [{ kind: 'fixed', data: new Float64Array(500).fill(1e9) }]);
    const r = openDatasetReader(w.dir);
    readers.push(r);
    const [s] = computeStats(r);
    expect(s).toMatchObject({ count: 1000, min: 0, max: 999, mean: 499.5, distinct: { value: 1000, exact: true } });
    w.close();
  });
});
