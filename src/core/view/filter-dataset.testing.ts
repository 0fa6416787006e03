// Test data for filters: a table of every column kind in a store dataset, and NumPy evaluating expressions over its files.

import { mulberry32 as seeded } from '../../shared/seeded-random.js';
import type { DatasetWriter } from '../store/dataset-writer.js';
import { numpy } from '../store/numpy-oracle.js';
import type { ColumnBatch, SinkColumn } from '../store/table-sink.js';

export const KIND_COLUMNS: readonly SinkColumn[] = [
  { name: 'c', dtype: '<i4', reason: '' },
  { name: 't', dtype: '<i4', reason: '' },
  { name: 'pos', dtype: '<i8', reason: '' },
  { name: 'q', dtype: '|u1', reason: '' },
  { name: 'big', dtype: '<u8', reason: '' },
  { name: 'pct', dtype: '<f4', reason: '' },
  { name: 'x', dtype: '<f8', reason: '' },
  { name: 'flag', dtype: '|b1', reason: '' },
  { name: 'chr', dtype: '|S1', reason: '' },
  { name: 'name', dtype: '|S1', reason: '' },
  { name: 'y z', dtype: '<f8', reason: '' },
];

const I64_SPECIAL = [2n ** 63n - 1n, -(2n ** 63n), -(2n ** 63n) + 1n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 53n + 2n, -(2n ** 53n) - 1n, 0n, -1n, 1000n, -1000n];
const U64_SPECIAL = [2n ** 64n - 1n, 2n ** 64n - 2n, 2n ** 63n, 2n ** 63n - 1n, 2n ** 53n + 1n, 0n, 1n];
const F32_SPECIAL = [0.1, 50.1, -50.1, 50, 16777216, 16777217, NaN, Infinity, -Infinity, -0, 0, 1e3, 3.4e38, 1e-45];
const F64_SPECIAL = [NaN, Infinity, -Infinity, -0, 0, 0.5, 1, -1, 0.1 + 0.2, 1e308, 5e-324, -5e-324, 2.5, -2.5, 7.5, 2 ** 53];
const I32_SPECIAL = [2147483647, -2147483648, 0, 1, 2, 3, -1, 7, 10];
const CHR = ['chr1', 'chr1', 'chr1', 'chr2', 'chr10', 'chrX', '', 'é', 'chr1x'];
const LETTERS = 'abcxyz';

function strings(values: readonly Buffer[]): ColumnBatch {
  const offsets = new Int32Array(values.length + 1);
  for (let k = 0; k < values.length; k++) offsets[k + 1] = offsets[k]! + values[k]!.length;
  return { kind: 'strings', bytes: new Uint8Array(Buffer.concat(values)), offsets };
}

/**
 * `rows` rows of every column kind with NaN, ±inf, -0.0 and int64 extremes sprinkled in, appended in batches of
 * `batch` and finished. With a dictionary limit of 10,000, 'chr' stays dictionary-encoded (nine values) and
 * 'name' turns plain (about 20,000 values in 30,000 rows).
 */
export function writeKindTable(w: DatasetWriter, rows: number, batch = 7000): void {
  const r = seeded(12345);
  const pick = <T>(special: readonly T[], other: () => T): T => (r() < 0.15 ? special[Math.floor(r() * special.length)]! : other());
  w.begin(KIND_COLUMNS);
  for (let at = 0; at < rows; at += batch) {
    const n = Math.min(batch, rows - at);
    const c = Int32Array.from({ length: n }, () => pick(I32_SPECIAL, () => Math.floor(r() * 101) - 50));
    const t = Int32Array.from({ length: n }, () => Math.floor(r() * 101));
    const pos = BigInt64Array.from({ length: n }, () => pick(I64_SPECIAL, () => (r() < 0.5 ? BigInt(Math.floor(r() * 2001) - 1000) : BigInt.asIntN(64, (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32))))));
    const q = Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
    const big = BigUint64Array.from({ length: n }, () => pick(U64_SPECIAL, () => (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32))));
    const pct = Float32Array.from({ length: n }, () => pick(F32_SPECIAL, () => Math.round(r() * 2000 - 1000) / 10));
    const x = Float64Array.from({ length: n }, () => pick(F64_SPECIAL, () => (r() - 0.5) * 40));
    const flag = Uint8Array.from({ length: n }, () => (r() < 0.4 ? 1 : 0));
    const chr = Array.from({ length: n }, () => Buffer.from(CHR[Math.floor(r() * CHR.length)]!, 'utf8'));
    const name = Array.from({ length: n }, () => {
      const length = r() < 0.3 ? Math.floor(r() * 3) : 5 + Math.floor(r() * 4);
      return Buffer.from(Array.from({ length }, () => LETTERS[Math.floor(r() * LETTERS.length)]).join(''), 'latin1');
    });
    const yz = Float64Array.from({ length: n }, () => r() - 0.5);
    w.append(n, [
      { kind: 'fixed', data: c }, { kind: 'fixed', data: t }, { kind: 'fixed', data: pos }, { kind: 'fixed', data: q },
      { kind: 'fixed', data: big }, { kind: 'fixed', data: pct }, { kind: 'fixed', data: x }, { kind: 'fixed', data: flag },
      strings(chr), strings(name), { kind: 'fixed', data: yz },
    ]);
    w.commit();
  }
  w.finish();
}

const EVALUATE = `
import os, re
d = ARGS['dir']
m = json.load(open(os.path.join(d, 'manifest.json')))
ns = {'np': np}
for c in m['columns']:
    s = c['storage']
    if s['kind'] == 'plain':
        v = np.load(os.path.join(d, s['file']))
    else:
        v = np.load(os.path.join(d, s['valuesFile']))[np.load(os.path.join(d, s['codesFile']))]
    ns[re.sub(r'\\W', '_', c['name'])] = v
ns['N'] = m['rows']
out = []
with np.errstate(all='ignore'):
    for e in ARGS['cases']:
        out.append(np.flatnonzero(np.broadcast_to(eval(e, ns), (m['rows'],))).tolist())
print(json.dumps(out))
`;

/**
 * np.flatnonzero of each NumPy expression over the dataset's own .npy files (a dictionary column as values[codes]);
 * a column is named by its name with every non-word character replaced by '_', N is the row count.
 */
export function numpyRows(dir: string, cases: readonly string[]): number[][] {
  return numpy<number[][]>(EVALUATE, { dir, cases });
}

export { seeded };
