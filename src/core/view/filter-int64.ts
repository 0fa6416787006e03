// Exact comparisons where a 64-bit integer column is involved, through its two 32-bit halves (no BigInt per row).

import type { ParsedDType } from '../../shared/dtype.js';
import type { NumericArray } from '../store/dtype-arrays.js';
import { outcomes } from './filter-compare.js';
import type { CmpOp } from './filter-parse.js';

const TWO_32 = 4294967296;

/**
 * Every integer below 2^64 in magnitude is hi·2^32 + lo with lo in [0, 2^32): comparing (hi, lo) pairs
 * compares the integers. A literal beyond any int64/uint64 is clamped just past that range, which changes no answer.
 */
function literalParts(v: bigint): [number, number] {
  const c = v < -(1n << 63n) - 1n ? -(1n << 63n) - 1n : v > 1n << 64n ? 1n << 64n : v;
  return [Number(c >> 32n), Number(c & 0xffffffffn)];
}

/** out[i] = column[i] op literal, exactly, for an int64 or uint64 column (narrower ones are exact as doubles). */
export function compareIntLiteral(op: CmpOp, data: NumericArray, dtype: ParsedDType, literal: bigint, out: Uint8Array, n: number): void {
  const t = outcomes(op);
  const [hiL, loL] = literalParts(literal);
  const h = new Int32Array(data.buffer, data.byteOffset, n * 2);
  if (dtype.kind === 'i') {
    for (let i = 0; i < n; i++) {
      const hi = h[2 * i + 1]!;
      const lo = h[2 * i]! >>> 0;
      out[i] = t[hi < hiL ? 0 : hi > hiL ? 2 : lo < loL ? 0 : lo > loL ? 2 : 1]!;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const hi = h[2 * i + 1]! >>> 0;
      const lo = h[2 * i]! >>> 0;
      out[i] = t[hi < hiL ? 0 : hi > hiL ? 2 : lo < loL ? 0 : lo > loL ? 2 : 1]!;
    }
  }
}

/** Splits integer values into hi·2^32 + lo (lo unsigned). */
function intParts(data: NumericArray, dtype: ParsedDType, n: number, hi: Float64Array, lo: Float64Array): void {
  if (dtype.itemSize === 8) {
    const h = new Int32Array(data.buffer, data.byteOffset, n * 2);
    const signed = dtype.kind === 'i';
    for (let i = 0; i < n; i++) {
      hi[i] = signed ? h[2 * i + 1]! : h[2 * i + 1]! >>> 0;
      lo[i] = h[2 * i]! >>> 0;
    }
    return;
  }
  const v = data as Exclude<NumericArray, BigInt64Array | BigUint64Array>;
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    const high = Math.floor(x / TWO_32);
    hi[i] = high;
    lo[i] = x - high * TWO_32;
  }
}

/** out[i] = a[i] op b[i] for two integer columns, exactly (as NumPy compares int64 with uint64). */
export function compareIntColumns(
  op: CmpOp, a: NumericArray, aType: ParsedDType, b: NumericArray, bType: ParsedDType, out: Uint8Array, n: number,
  scratch: readonly [Float64Array, Float64Array, Float64Array, Float64Array],
): void {
  const [ah, al, bh, bl] = scratch;
  intParts(a, aType, n, ah, al);
  intParts(b, bType, n, bh, bl);
  const t = outcomes(op);
  for (let i = 0; i < n; i++) {
    const x = ah[i]!;
    const y = bh[i]!;
    out[i] = t[x < y ? 0 : x > y ? 2 : al[i]! < bl[i]! ? 0 : al[i]! > bl[i]! ? 2 : 1]!;
  }
}
