// Half precision for statistics: a decode table for whole blocks and the rounding NumPy's float16 arithmetic applies.

import { halfToNumber } from '../store/row-window-codec.js';

let table: Float64Array | null = null;

/** Every half bit pattern as its exact double (512 KB, built once): a lookup per value beats decoding one. */
function decodeTable(): Float64Array {
  if (!table) {
    table = new Float64Array(65536);
    for (let h = 0; h < 65536; h++) table[h] = halfToNumber(h);
  }
  return table;
}

/** out[i] = the value of half bits[i], for i < n. */
export function decodeHalves(bits: Uint16Array, n: number, out: Float64Array): void {
  const t = decodeTable();
  for (let i = 0; i < n; i++) out[i] = t[bits[i]!]!;
}

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/**
 * `x` rounded to the nearest half (ties to even), as one IEEE float16 operation rounds its exact result.
 * Sums, differences and products of halves are exact in a double and a quotient is rounded once more
 * with 53 ≥ 2·11 + 2 bits, so "compute in double, then f16round" is the correctly rounded half operation.
 */
export function f16round(x: number): number {
  if (x !== x || x === 0 || !Number.isFinite(x)) return x;
  const a = Math.abs(x);
  // 65504 is the largest half; from the midpoint to the next binade (65536) on, the value rounds to infinity.
  if (a >= 65520) return x > 0 ? Infinity : -Infinity;
  let quantum: number;
  if (a < 2 ** -14) quantum = 2 ** -24;
  else {
    scratch[0] = a;
    const exponent = ((scratchWords[1]! >>> 20) & 0x7ff) - 1023;
    quantum = 2 ** (exponent - 10);
  }
  const q = a / quantum;
  const f = Math.floor(q);
  const d = q - f;
  const r = d > 0.5 || (d === 0.5 && f % 2 === 1) ? f + 1 : f;
  const out = r * quantum;
  return x < 0 ? -out : out;
}
