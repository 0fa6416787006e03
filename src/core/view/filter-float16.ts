// float16 columns for filters: their raw bits as doubles, and a number rounded to float16 the way NumPy casts it.

let table: Float64Array | undefined;

/** The value of every float16 bit pattern (512 KB, made once): a lookup beats decoding each row. */
export function float16Values(): Float64Array {
  if (table) return table;
  table = new Float64Array(65536);
  for (let bits = 0; bits < 65536; bits++) {
    const sign = bits & 0x8000 ? -1 : 1;
    const exp = (bits >> 10) & 0x1f;
    const frac = bits & 0x3ff;
    table[bits] = exp === 0x1f ? (frac ? NaN : sign * Infinity) : exp === 0 ? sign * frac * 2 ** -24 : sign * (1024 + frac) * 2 ** (exp - 25);
  }
  return table;
}

/** The nearest float16 value to x (ties to even; past the largest finite float16 it is ±inf), as a double. */
export function roundToFloat16(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  if (a >= 65520) return Math.sign(x) * Infinity; // 65504 + half an ulp rounds away
  // Spacing of float16 values around a: 2^(e − 10) for normal numbers, 2^−24 below 2^−14 (subnormal).
  const e = Math.max(Math.floor(Math.log2(a)), -14);
  let ulp = 2 ** (e - 10);
  if (a / ulp >= 2048) ulp *= 2; // log2 rounded up at a power of two
  else if (a / ulp < 1024 && e > -14) ulp /= 2;
  const q = a / ulp;
  let r = Math.floor(q);
  const rest = q - r;
  if (rest > 0.5 || (rest === 0.5 && r % 2 === 1)) r++;
  return Math.sign(x) * r * ulp;
}
