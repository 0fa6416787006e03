// sortRows on numeric columns of a real store: every dtype, ties, NaN, ±inf, −0, 64-bit extremes, subsets, vs NumPy/Python.
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../load-error.js';
import { openDatasetReader, type DatasetReader } from '../store/dataset-reader.js';
import { useTempStore } from '../store/test-support/temp-store.js';
import { expectOrders, rng } from './sort-oracle.testing.js';
import { sortRows } from './sort-rows.js';

const PREFIX = 'arrayporttest-sortrows';
const { readers, writer } = useTempStore(PREFIX);

type Column = { name: string; dtype: string; data: ArrayBufferView };

function dataset(columns: readonly Column[], rows: number): DatasetReader {
  const w = writer('sort');
  w.begin(columns.map((c) => ({ name: c.name, dtype: c.dtype, reason: '' })));
  w.append(rows, columns.map((c) => ({ kind: 'fixed' as const, data: c.data })));
  w.finish();
  const r = openDatasetReader(w.dir);
  readers.push(r);
  return r;
}

function f64Bits(hi: number, lo: number): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setUint32(0, lo, true);
  v.setUint32(4, hi, true);
  return v.getFloat64(0, true);
}

const F64_SPECIAL = [
  NaN, f64Bits(0xfff80000, 0), f64Bits(0x7ff00000, 1), f64Bits(0x7fffffff, 0xffffffff), Infinity, -Infinity, 0, -0,
  5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 2.2250738585072014e-308, 1, -1, 0.1, -0.1, 1e16, -1e16,
];
const F32_SPECIAL_BITS = [0x7fc00000, 0xffc00000, 0x7f800001, 0x7f800000, 0xff800000, 0, 0x80000000, 1, 0x80000001, 0x3f800000, 0xbf800000, 0x7f7fffff, 0xff7fffff];
const F16_SPECIAL_BITS = [0x7e00, 0xfe00, 0x7c01, 0x7c00, 0xfc00, 0, 0x8000, 1, 0x8001, 0x3c00, 0xbc00, 0x7bff, 0xfbff, 0x03ff];

function numericColumns(n: number, seed: number): Column[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const f8 = Float64Array.from({ length: n }, () => (r() < 0.3 ? pick(F64_SPECIAL) : r() < 0.5 ? Math.round(r() * 20 - 10) / 4 : (r() - 0.5) * 10 ** Math.floor(r() * 40 - 20)));
  const f4 = new Float32Array(n);
  const f4bits = new Uint32Array(f4.buffer);
  for (let i = 0; i < n; i++) {
    if (r() < 0.3) f4bits[i] = pick(F32_SPECIAL_BITS);
    else f4[i] = r() < 0.5 ? Math.round(r() * 20 - 10) / 4 : (r() - 0.5) * 10 ** Math.floor(r() * 20 - 10);
  }
  const f2 = Uint16Array.from({ length: n }, () => (r() < 0.3 ? pick(F16_SPECIAL_BITS) : r() < 0.5 ? pick([0x3c00, 0x4000, 0xc000, 0x3800]) : Math.floor(r() * 0x10000)));
  const int = (lo: number, hi: number, extremes: readonly number[]): number => (r() < 0.2 ? pick(extremes) : r() < 0.5 ? Math.floor(r() * 7) - 3 : lo + Math.floor(r() * (hi - lo + 1)));
  const big = (extremes: readonly bigint[], signed: boolean): bigint => {
    if (r() < 0.2) return pick(extremes);
    if (r() < 0.4) return BigInt(Math.floor(r() * 7) - (signed ? 3 : 0));
    const v = (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32));
    return signed ? BigInt.asIntN(64, v) : v;
  };
  const I64 = [-(2n ** 63n), -(2n ** 63n) + 1n, 2n ** 63n - 1n, -1n, 0n, 1n, 2n ** 32n, -(2n ** 32n), 2n ** 31n, 2n ** 53n + 1n];
  const U64 = [0n, 1n, 2n ** 64n - 1n, 2n ** 63n, 2n ** 63n - 1n, 2n ** 32n - 1n, 2n ** 32n];
  return [
    { name: 'f8', dtype: '<f8', data: f8 },
    { name: 'f4', dtype: '<f4', data: f4 },
    { name: 'f2', dtype: '<f2', data: f2 },
    { name: 'i1', dtype: '|i1', data: Int8Array.from({ length: n }, () => int(-128, 127, [-128, 127, -1, 0])) },
    { name: 'u1', dtype: '|u1', data: Uint8Array.from({ length: n }, () => int(0, 255, [0, 255, 128, 127]) & 0xff) },
    { name: 'i2', dtype: '<i2', data: Int16Array.from({ length: n }, () => int(-32768, 32767, [-32768, 32767, -1, 0])) },
    { name: 'u2', dtype: '<u2', data: Uint16Array.from({ length: n }, () => int(0, 65535, [0, 65535, 32768]) & 0xffff) },
    { name: 'i4', dtype: '<i4', data: Int32Array.from({ length: n }, () => int(-(2 ** 31), 2 ** 31 - 1, [-(2 ** 31), 2 ** 31 - 1, -1, 0])) },
    { name: 'u4', dtype: '<u4', data: Uint32Array.from({ length: n }, () => int(0, 2 ** 32 - 1, [0, 2 ** 32 - 1, 2 ** 31]) >>> 0) },
    { name: 'i8', dtype: '<i8', data: BigInt64Array.from({ length: n }, () => big(I64, true)) },
    { name: 'u8', dtype: '<u8', data: BigUint64Array.from({ length: n }, () => big(U64, false)) },
    { name: 'b1', dtype: '|b1', data: Uint8Array.from({ length: n }, () => (r() < 0.5 ? 1 : 0)) },
    { name: 'g', dtype: '<i4', data: Int32Array.from({ length: n }, () => Math.floor(r() * 4)) },
    // Every digit equal: no pass runs at all.
    { name: 'c0', dtype: '<i8', data: new BigInt64Array(n).fill(-5n) },
    // One row differs, in the middle digit only: that pass must still run.
    { name: 'lone', dtype: '<i4', data: new Int32Array(n).fill(7).fill(7 + (1 << 12), n >> 1, (n >> 1) + 1) },
  ];
}

describe('sortRows on numbers', () => {
  const N = 20_000;
  let r: DatasetReader;
  beforeAll(() => {
    r = dataset(numericColumns(N, 7), N);
  });
  const names = ['f8', 'f4', 'f2', 'i1', 'u1', 'i2', 'u2', 'i4', 'u4', 'i8', 'u8', 'b1', 'lone'];

  it('orders each dtype ascending exactly as np.argsort(kind="stable")', () => {
    expectOrders(r, names.map((column) => ({ keys: [{ column }], mode: 'numpy' })));
  });

  it('orders each dtype descending like stable Python sorts: ties in row order, NaN last', () => {
    expectOrders(r, names.map((column) => ({ keys: [{ column, descending: true }], mode: 'python' })));
  });

  it('first key most significant: ascending keys as np.lexsort', () => {
    const sets = [['c0'], ['c0', 'f8'], ['g', 'f2', 'i8'], ['b1', 'f4', 'u2'], ['g', 'f8'], ['u1', 'i1', 'u8', 'b1'], ['g', 'b1', 'i4']];
    expectOrders(r, sets.map((keys) => ({ keys: keys.map((column) => ({ column })), mode: 'numpy' })));
  });

  it('mixed directions as successive stable Python sorts', () => {
    expectOrders(r, [
      { keys: [{ column: 'g', descending: true }, { column: 'f8' }], mode: 'python' },
      { keys: [{ column: 'b1' }, { column: 'f4', descending: true }, { column: 'i8', descending: true }], mode: 'python' },
      { keys: [{ column: 'f2', descending: true }, { column: 'u8' }, { column: 'u4', descending: true }], mode: 'python' },
    ]);
  });

  it('sorts only the given rows, keeping their numbers', () => {
    const pick = rng(11);
    const rows = Uint32Array.from({ length: N }, (_, i) => i).filter(() => pick() < 0.37);
    // A handful of far-apart rows takes the gather's sparse path.
    const few = Uint32Array.of(3, 900, 4000, 4001, 12000, 19999);
    expectOrders(r, [
      { keys: [{ column: 'f8' }], mode: 'numpy', rows },
      { keys: [{ column: 'g' }, { column: 'i8' }], mode: 'numpy', rows },
      { keys: [{ column: 'g', descending: true }, { column: 'f4', descending: true }], mode: 'python', rows },
      { keys: [{ column: 'f2' }, { column: 'u8' }], mode: 'numpy', rows: few },
    ]);
  });

  it('sorts 1e6 float64 rows with ties and NaN like NumPy, both directions, and a fifth of them', () => {
    const n = 1_000_000;
    const g = rng(3);
    const x = Float64Array.from({ length: n }, () => (g() < 0.02 ? NaN : g() < 0.3 ? Math.floor(g() * 1000) - 500 : (g() - 0.5) * 1e6 * g()));
    x[17] = -0;
    x[18] = 0;
    x[19] = -Infinity;
    const big = dataset([{ name: 'x', dtype: '<f8', data: x }], n);
    const every5th = Uint32Array.from({ length: n / 5 }, (_, i) => i * 5 + (i % 5));
    expectOrders(big, [
      { keys: [{ column: 'x' }], mode: 'numpy' },
      { keys: [{ column: 'x', descending: true }], mode: 'negate' },
      { keys: [{ column: 'x' }], mode: 'numpy', rows: every5th },
    ]);
  });

  it('returns the rows unchanged without keys, and handles zero and one row', () => {
    expect(Array.from(sortRows(r, [], { rows: Uint32Array.of(4, 2, 9) }))).toEqual([4, 2, 9]);
    expect(sortRows(r, []).length).toBe(N);
    expect(sortRows(r, [{ column: 'f8' }], { rows: new Uint32Array(0) }).length).toBe(0);
    expect(Array.from(sortRows(r, [{ column: 'f8' }], { rows: Uint32Array.of(5) }))).toEqual([5]);
  });

  it('refuses an unknown column and complex values in one line', () => {
    expect(() => sortRows(r, [{ column: 'nope' }])).toThrow(/^cannot sort by 'nope': sort has no such column$/);
    const c = dataset([{ name: 'z', dtype: '<c16', data: new Float64Array(8) }], 4);
    expect(() => sortRows(c, [{ column: 'z' }])).toThrow(/^cannot sort by 'z': complex128 values have no order$/);
  });

  it('reports progress up to 1 and throws CancelledError when aborted', () => {
    const seen: number[] = [];
    sortRows(r, [{ column: 'g' }, { column: 'f8' }], { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= seen[i - 1]!))).toBe(true);
    expect(seen.at(-1)).toBe(1);

    const before = new AbortController();
    before.abort();
    expect(() => sortRows(r, [{ column: 'f8' }], { signal: before.signal })).toThrow(CancelledError);
    const during = new AbortController();
    expect(() => sortRows(r, [{ column: 'i8' }, { column: 'f8' }], { signal: during.signal, onProgress: () => during.abort() })).toThrow(CancelledError);
  });
});
