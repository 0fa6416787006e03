// Typed-array views of little-endian column data, and the exact element conversions that widening a column needs.

import type { ParsedDType } from '../../shared/dtype.js';

export type NumericArray =
  | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array
  | BigInt64Array | BigUint64Array | Float32Array | Float64Array;

/** Fixed-width byte strings: value k is bytes[k*width, (k+1)*width), NUL-padded (NumPy 'S'/'U' item bytes). */
export interface FixedBytes {
  readonly width: number;
  readonly bytes: Uint8Array;
}

/**
 * A typed view of `count` elements at `byteOffset` of `buffer` (which must be aligned for the type).
 * float16 comes back as its raw Uint16Array bits; complex as interleaved (re, im) floats.
 */
export function typedView(d: ParsedDType, buffer: ArrayBuffer, byteOffset: number, count: number): NumericArray {
  if (d.byteOrder === '>') throw new Error(`big-endian ${d.descr} columns are not stored; convert on input`);
  switch (`${d.kind}${d.itemSize}`) {
    case 'b1': case 'u1': return new Uint8Array(buffer, byteOffset, count);
    case 'i1': return new Int8Array(buffer, byteOffset, count);
    case 'i2': return new Int16Array(buffer, byteOffset, count);
    case 'u2': case 'f2': return new Uint16Array(buffer, byteOffset, count);
    case 'i4': return new Int32Array(buffer, byteOffset, count);
    case 'u4': return new Uint32Array(buffer, byteOffset, count);
    case 'i8': return new BigInt64Array(buffer, byteOffset, count);
    case 'u8': return new BigUint64Array(buffer, byteOffset, count);
    case 'f4': return new Float32Array(buffer, byteOffset, count);
    case 'f8': return new Float64Array(buffer, byteOffset, count);
    case 'c8': return new Float32Array(buffer, byteOffset, count * 2);
    case 'c16': return new Float64Array(buffer, byteOffset, count * 2);
  }
  throw new Error(`no typed array for ${d.descr}`);
}

/** Why widening `from` to `to` would lose values, or null when every value converts. */
export function widenProblem(from: ParsedDType, to: ParsedDType): string | null {
  const num = (k: string) => k === 'b' || k === 'i' || k === 'u' || k === 'f';
  if (!num(from.kind) || !num(to.kind)) return `cannot widen ${from.descr} to ${to.descr}: only numeric columns widen`;
  if (from.descr === to.descr) return null;
  if (to.kind === 'f') return to.itemSize >= from.itemSize || from.kind !== 'f' ? null : `${from.descr} does not fit ${to.descr}`;
  if (from.kind === 'f') return `cannot widen float ${from.descr} to integer ${to.descr}`;
  if (to.kind === 'b') return `cannot widen ${from.descr} to bool`;
  if (to.kind === 'u' && from.kind === 'i') return `cannot widen signed ${from.descr} to unsigned ${to.descr}`;
  const fromBits = from.itemSize + (from.kind === 'u' && to.kind === 'i' ? 1 : 0);
  return fromBits <= to.itemSize ? null : `${from.descr} does not fit ${to.descr}`;
}

/**
 * Converts `count` little-endian elements of `from` (in `src`, aligned at offset 0) to `to`.
 * 64-bit integers go to float64 through their two 32-bit halves: hi·2³² is exact, so the one
 * rounding of the sum matches what parsing the decimal text gives (round half to even).
 */
export function convertElements(from: ParsedDType, to: ParsedDType, src: ArrayBuffer, count: number): Uint8Array {
  const out = new ArrayBuffer(count * to.itemSize);
  if (from.descr === to.descr) {
    new Uint8Array(out).set(new Uint8Array(src, 0, count * from.itemSize));
    return new Uint8Array(out);
  }
  const fromKind = from.kind === 'b' ? 'u' : from.kind;
  if (from.itemSize === 8 && fromKind !== 'f') {
    const halves = new Int32Array(src, 0, count * 2);
    if (to.kind === 'f') {
      const dst = typedView(to, out, 0, count) as Float32Array | Float64Array;
      const signed = fromKind === 'i';
      for (let i = 0; i < count; i++) {
        const hi = signed ? halves[2 * i + 1]! : halves[2 * i + 1]! >>> 0;
        dst[i] = hi * 4294967296 + (halves[2 * i]! >>> 0);
      }
      return new Uint8Array(out);
    }
    new Uint8Array(out).set(new Uint8Array(src, 0, count * 8));
    return new Uint8Array(out);
  }
  if (to.itemSize === 8 && to.kind !== 'f') {
    const source = typedView(from, src, 0, count);
    const halves = new Int32Array(out);
    for (let i = 0; i < count; i++) {
      const v = source[i] as number;
      halves[2 * i] = v;
      halves[2 * i + 1] = v < 0 ? -1 : 0;
    }
    return new Uint8Array(out);
  }
  const dst = typedView(to, out, 0, count) as Exclude<NumericArray, BigInt64Array | BigUint64Array>;
  dst.set(typedView(from, src, 0, count) as Exclude<NumericArray, BigInt64Array | BigUint64Array>);
  return new Uint8Array(out);
}
