// Test-only: the order NumPy (argsort/lexsort) or plain Python stable sorts give, read from a dataset's own .npy files.

import { mulberry32 as rng } from '../../shared/seeded-random.js';
import type { SortKey } from '../../shared/view.js';
import { numpy } from '../store/numpy-oracle.js';
import { expect } from 'vitest';
import type { DatasetReader } from '../store/dataset-reader.js';
import type { RowIndex } from './row-index.js';
import { sortRows } from './sort-rows.js';

/**
 * How the truth is computed, never with our code: 'numpy' is np.argsort(kind='stable') for one key and
 * np.lexsort for several (ascending only); 'negate' is np.argsort(-x, kind='stable') (descending floats, exact);
 * 'python' is one stable `sorted(..., reverse=descending)` per key from the least significant, NaN rows
 * appended after each pass, on the values NumPy reads (bytes with trailing NULs stripped, exact Python ints).
 */
export type OracleMode = 'numpy' | 'negate' | 'python';

const SCRIPT = String.raw`
import base64, os
d = ARGS['dir']
man = json.load(open(os.path.join(d, 'manifest.json')))
def column(name):
    c = next(c for c in man['columns'] if c['name'] == name)
    s = c['storage']
    if s['kind'] == 'plain':
        return np.load(os.path.join(d, s['file']))[:man['rows']]
    values = np.load(os.path.join(d, s['valuesFile']))[:s['valueCount']]
    return values[np.load(os.path.join(d, s['codesFile']))[:man['rows']]]
def order_of(case):
    rows = None if case['rows'] is None else np.array(case['rows'], dtype=np.int64)
    keys = case['keys']
    cols = [column(k['column']) if rows is None else column(k['column'])[rows] for k in keys]
    mode = case['mode']
    if mode == 'numpy':
        assert not any(k.get('descending') for k in keys)
        order = np.argsort(cols[0], kind='stable') if len(cols) == 1 else np.lexsort(tuple(reversed(cols)))
    elif mode == 'negate':
        assert len(cols) == 1 and cols[0].dtype.kind == 'f' and keys[0].get('descending')
        order = np.argsort(-cols[0], kind='stable')
    else:
        order = list(range(len(cols[0]) if cols else 0))
        for k, c in reversed(list(zip(keys, cols))):
            v = c.tolist()
            ok = [i for i in order if v[i] == v[i]]
            nan = [i for i in order if v[i] != v[i]]
            order = sorted(ok, key=lambda i: v[i], reverse=bool(k.get('descending'))) + nan
    order = np.asarray(order, dtype=np.int64)
    out = order if rows is None else rows[order]
    return base64.b64encode(out.astype('<u4').tobytes()).decode()
print(json.dumps([order_of(c) for c in ARGS['cases']]))
`;

export interface OracleCase {
  readonly keys: readonly SortKey[];
  readonly mode: OracleMode;
  readonly rows?: RowIndex;
}

/** For each case, the original row numbers in sorted order as the oracle says (one Python process for all). */
export function oracleOrders(dir: string, cases: readonly OracleCase[]): Uint32Array[] {
  const args = { dir, cases: cases.map((c) => ({ keys: c.keys, mode: c.mode, rows: c.rows ? Array.from(c.rows) : null })) };
  return numpy<string[]>(SCRIPT, args).map((b64) => {
    const bytes = Buffer.from(b64, 'base64');
    return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  });
}

/** '' when equal, else where the two orders first differ (a short message instead of a 1e6-element diff). */
export function firstDifference(got: RowIndex, want: Uint32Array): string {
  if (got.length !== want.length) return `length ${got.length} instead of ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    if (got[i] !== want[i]) return `position ${i}: row ${got[i]} instead of ${want[i]}`;
  }
  return '';
}


/** sortRows against the oracle for every case, with one Python process for all of them. */
export function expectOrders(reader: DatasetReader, cases: readonly OracleCase[]): void {
  const want = oracleOrders(reader.dir, cases);
  cases.forEach((c, i) => {
    const got = sortRows(reader, c.keys, c.rows ? { rows: c.rows } : {});
    expect(firstDifference(got, want[i]!), `${c.mode} ${JSON.stringify(c.keys)}`).toBe('');
  });
}

export { rng };
