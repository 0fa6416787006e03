// sortRows on byte-string columns (plain '|S', dictionary, '<U') and on a real corpus file, vs NumPy and Python.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatasetReader, type DatasetReader } from '../store/dataset-reader.js';
import { useTempStore } from '../store/test-support/temp-store.js';
import { loadTextFile } from '../text/text-loader.js';
import { expectOrders, rng } from './sort-oracle.testing.js';

const PREFIX = 'arrayporttest-sortstrings';
const { readers, writer } = useTempStore(PREFIX);

/** The corpus sits beside the project checkout (../shared/corpus). */
const CORPUS = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));

function open(dir: string): DatasetReader {
  const r = openDatasetReader(dir);
  readers.push(r);
  return r;
}

function strings(values: readonly Buffer[]): { kind: 'strings'; bytes: Uint8Array; offsets: Int32Array } {
  const offsets = new Int32Array(values.length + 1);
  values.forEach((v, i) => (offsets[i + 1] = offsets[i]! + v.length));
  return { kind: 'strings', bytes: new Uint8Array(Buffer.concat(values)), offsets };
}

/** Shared prefixes, the empty string, a trailing NUL (padding: equal to the value without it), a space, bytes ≥ 0x80. */
const BASES = ['', 'a', 'ab', 'ab\0', 'ab ', 'abc', 'a\0b', 'b', 'ba', 'chr1', 'chr10', 'chr2', 'chrX', '\xe9', '\xe9t\xe9', '\x01'];

describe('sortRows on strings', () => {
  const N = 30_000;
  let r: DatasetReader;
  beforeAll(() => {
    const g = rng(5);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(g() * xs.length)]!;
    const suffix = (max: number): string => Array.from({ length: Math.floor(g() * (max + 1)) }, () => pick(['a', 'b', 'z', '\0', '\xff'])).join('');
    const fit = (s: string, width: number): Buffer => Buffer.from(s.slice(0, width), 'latin1');
    const w = writer('strings', { dictionaryLimit: 40 });
    w.begin([
      { name: 's9', dtype: '|S1', reason: '' },
      { name: 's8', dtype: '|S1', reason: '' },
      { name: 'd', dtype: '|S1', reason: '' },
      { name: 'k', dtype: '<i2', reason: '' },
      { name: 'u', dtype: '<U3', reason: '' },
    ]);
    const s9 = Array.from({ length: N }, () => fit(g() < 0.3 ? pick(BASES) : pick(BASES) + suffix(5), 9));
    s9[0] = Buffer.from('zzzzzzzzz', 'latin1');
    const s8 = Array.from({ length: N }, () => fit(pick(BASES) + suffix(6), 8));
    s8[1] = Buffer.from('\xff'.repeat(8), 'latin1');
    // Few empty values in the dictionary column: each non-repeated '' currently adds a dictionary entry (see report).
    const d = Array.from({ length: N }, (_, i) => Buffer.from(i % 4000 === 7 ? '' : pick(BASES.slice(1)), 'latin1'));
    const u = new Uint32Array(N * 3);
    for (let i = 0; i < u.length; i++) u[i] = g() < 0.3 ? 0 : pick([0x41, 0x42, 0xe9, 0x4e2d, 0x1f600, 0x10ffff]);
    w.append(N, [strings(s9), strings(s8), strings(d), { kind: 'fixed', data: Int16Array.from({ length: N }, () => Math.floor(g() * 5)) }, { kind: 'fixed', data: u }]);
    w.finish();
    r = open(w.dir);
    const kinds = Object.fromEntries(r.manifest.columns.map((c) => [c.name, `${c.storage.kind} ${c.dtype}`]));
    expect(kinds).toEqual({ s9: 'plain |S9', s8: 'plain |S8', d: 'dictionary |S5', k: 'plain <i2', u: 'plain <U3' });
  });

  it('orders plain, dictionary and unicode columns ascending as np.argsort(kind="stable")', () => {
    expectOrders(r, ['s9', 's8', 'd', 'u'].map((column) => ({ keys: [{ column }], mode: 'numpy' })));
  });

  it('orders them descending like stable Python sorts on bytes', () => {
    expectOrders(r, ['s9', 's8', 'd', 'u'].map((column) => ({ keys: [{ column, descending: true }], mode: 'python' })));
  });

  it('sorts by several keys as np.lexsort, and in mixed directions as Python does', () => {
    expectOrders(r, [
      { keys: [{ column: 'd' }, { column: 's9' }], mode: 'numpy' },
      { keys: [{ column: 'k' }, { column: 'd' }, { column: 's8' }], mode: 'numpy' },
      { keys: [{ column: 'd', descending: true }, { column: 'k' }, { column: 's9', descending: true }], mode: 'python' },
      { keys: [{ column: 'u', descending: true }, { column: 'd' }], mode: 'python' },
    ]);
  });

  it('sorts a subset of rows', () => {
    const g = rng(9);
    const rows = Uint32Array.from({ length: N }, (_, i) => i).filter(() => g() < 0.2);
    expectOrders(r, [
      { keys: [{ column: 'd' }, { column: 's8' }], mode: 'numpy', rows },
      { keys: [{ column: 's9', descending: true }, { column: 'k', descending: true }], mode: 'python', rows },
    ]);
  });

  it('sorts a real corpus table by two columns as np.lexsort', async () => {
    const w = writer('strings', { dictionaryLimit: 65535 });
    await loadTextFile(`${CORPUS}/methylation/methylKit__test1.myCpG.txt`, w);
    const t = open(w.dir);
    expect(t.rows).toBe(1904);
    expect(t.manifest.columns.map((c) => c.name)).toEqual(['chrBase', 'chr', 'base', 'strand', 'coverage', 'freqC', 'freqT']);
    expectOrders(t, [
      { keys: [{ column: 'strand' }, { column: 'freqC' }], mode: 'numpy' },
      { keys: [{ column: 'coverage' }, { column: 'chrBase' }], mode: 'numpy' },
      { keys: [{ column: 'strand', descending: true }, { column: 'freqT', descending: true }], mode: 'python' },
    ]);
  });
});
