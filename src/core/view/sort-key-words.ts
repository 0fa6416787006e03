// Maps a column's values to order-preserving unsigned 32-bit words (most significant first) for the radix sort.

import type { ParsedDType } from '../../shared/dtype.js';
import type { ColumnData, DictionaryData } from '../store/dataset-reader.js';
import type { FixedBytes } from '../store/dtype-arrays.js';

/**
 * Writes the key words of `count` values (a block of the column) at positions at…at+count−1 of `words`.
 * Every word is ascending-ordered and then XORed with `flip` (all ones in its bits for descending), except
 * that NaN is all ones either way, so it sorts last in both directions.
 */
export type WordConverter = (data: ColumnData | DictionaryData, words: readonly Uint32Array[], at: number, count: number) => void;

export interface KeyPlan {
  /** Significant bits of each word, most significant word first. */
  readonly bits: readonly number[];
  readonly convert: WordConverter;
}

const ONES = 0xffff_ffff;
const maskOf = (bits: number): number => (bits === 32 ? ONES : (1 << bits) - 1);

/** Plain numeric, bool and fixed-width string columns; throws for what has no order (complex). */
export function plainPlan(d: ParsedDType, descending: boolean): KeyPlan {
  const flip = (bits: number): number => (descending ? maskOf(bits) : 0);
  switch (`${d.kind}${d.itemSize}`) {
    case 'f8': return { bits: [32, 32], convert: float64Words(flip(32)) };
    case 'f4': return { bits: [32], convert: float32Words(flip(32)) };
    case 'f2': return { bits: [16], convert: float16Words(flip(16)) };
    case 'i8': return { bits: [32, 32], convert: int64Words(0x8000_0000, flip(32)) };
    case 'u8': return { bits: [32, 32], convert: int64Words(0, flip(32)) };
    case 'i4': return { bits: [32], convert: smallWords(0x8000_0000, 32, descending) };
    case 'u4': return { bits: [32], convert: smallWords(0, 32, descending) };
    case 'i2': return { bits: [16], convert: smallWords(0x8000, 16, descending) };
    case 'u2': return { bits: [16], convert: smallWords(0, 16, descending) };
    case 'i1': return { bits: [8], convert: smallWords(0x80, 8, descending) };
    case 'u1': return { bits: [8], convert: smallWords(0, 8, descending) };
    case 'b1': return { bits: [1], convert: boolWords(flip(1)) };
  }
  if (d.kind === 'S') return bytesPlan(d.itemSize, descending);
  if (d.kind === 'U') return unicodePlan(d.itemSize / 4, descending);
  throw new Error(`${d.descr} values have no order`);
}

/** Signed types keep their two's-complement bits with the sign bit flipped, so they order as unsigned. */
function smallWords(signBit: number, bits: number, descending: boolean): WordConverter {
  // Typed arrays sign-extend Int8/Int16 values: the mask keeps the type's own bits.
  const mask = maskOf(bits);
  const flip = descending ? mask : 0;
  return (data, words, at, count) => {
    const src = data as Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;
    const out = words[0]!;
    for (let i = 0; i < count; i++) out[at + i] = (((src[i]! ^ signBit) & mask) ^ flip) >>> 0;
  };
}

function boolWords(flip: number): WordConverter {
  return (data, words, at, count) => {
    const src = data as Uint8Array;
    const out = words[0]!;
    for (let i = 0; i < count; i++) out[at + i] = (src[i]! === 0 ? 0 : 1) ^ flip;
  };
}

function int64Words(signBit: number, flip: number): WordConverter {
  return (data, words, at, count) => {
    const src = data as BigInt64Array | BigUint64Array;
    const u = new Uint32Array(src.buffer, src.byteOffset, count * 2);
    const hi = words[0]!;
    const lo = words[1]!;
    for (let i = 0; i < count; i++) {
      lo[at + i] = (u[2 * i]! ^ flip) >>> 0;
      hi[at + i] = (u[2 * i + 1]! ^ signBit ^ flip) >>> 0;
    }
  };
}

/**
 * IEEE order as unsigned bits: a negative number's bits all flip (more negative → smaller), a positive one gets
 * its sign bit set (above every negative). −0 becomes +0 first so the two tie; NaN becomes all ones (above +inf).
 */
function float64Words(flip: number): WordConverter {
  return (data, words, at, count) => {
    const src = data as Float64Array;
    const u = new Uint32Array(src.buffer, src.byteOffset, count * 2);
    const hiOut = words[0]!;
    const loOut = words[1]!;
    for (let i = 0; i < count; i++) {
      let lo = u[2 * i]!;
      let hi = u[2 * i + 1]!;
      const abs = hi & 0x7fff_ffff;
      if (abs > 0x7ff0_0000 || (abs === 0x7ff0_0000 && lo !== 0)) {
        hiOut[at + i] = ONES;
        loOut[at + i] = ONES;
        continue;
      }
      if (abs === 0 && lo === 0) hi = 0;
      if (hi & 0x8000_0000) {
        hi = ~hi;
        lo = ~lo;
      } else hi |= 0x8000_0000;
      hiOut[at + i] = (hi ^ flip) >>> 0;
      loOut[at + i] = (lo ^ flip) >>> 0;
    }
  };
}

function float32Words(flip: number): WordConverter {
  return (data, words, at, count) => {
    const src = data as Float32Array;
    const u = new Uint32Array(src.buffer, src.byteOffset, count);
    const out = words[0]!;
    for (let i = 0; i < count; i++) {
      let b = u[i]!;
      const abs = b & 0x7fff_ffff;
      if (abs > 0x7f80_0000) {
        out[at + i] = ONES;
        continue;
      }
      if (abs === 0) b = 0;
      out[at + i] = ((b & 0x8000_0000 ? ~b : b | 0x8000_0000) ^ flip) >>> 0;
    }
  };
}

/** float16 is stored as its raw bits (Uint16Array): the same trick in 16 bits. */
function float16Words(flip: number): WordConverter {
  return (data, words, at, count) => {
    const src = data as Uint16Array;
    const out = words[0]!;
    for (let i = 0; i < count; i++) {
      let b = src[i]!;
      const abs = b & 0x7fff;
      if (abs > 0x7c00) {
        out[at + i] = 0xffff;
        continue;
      }
      if (abs === 0) b = 0;
      out[at + i] = ((b & 0x8000 ? ~b & 0xffff : b | 0x8000) ^ flip) >>> 0;
    }
  };
}

/**
 * '|S<w>': big-endian groups of 4 bytes, so word order is byte order (NumPy's and Python's bytes order).
 * Trailing NUL padding needs no care: the padded items compare as the stripped ones do, since a value that is
 * a prefix of another is padded with bytes 0, the smallest there is. The last word holds only the bytes left.
 */
function bytesPlan(width: number, descending: boolean): KeyPlan {
  const full = width >> 2;
  const rest = width & 3;
  const bits = Array.from({ length: full }, () => 32);
  if (rest) bits.push(rest * 8);
  const flips = bits.map((b) => (descending ? maskOf(b) : 0));
  const convert: WordConverter = (data, words, at, count) => {
    const bytes = (data as FixedBytes).bytes;
    for (let j = 0; j < full; j++) {
      const out = words[j]!;
      const flip = flips[j]!;
      for (let i = 0, o = 4 * j; i < count; i++, o += width) {
        out[at + i] = ((bytes[o]! << 24 | bytes[o + 1]! << 16 | bytes[o + 2]! << 8 | bytes[o + 3]!) ^ flip) >>> 0;
      }
    }
    if (!rest) return;
    const out = words[full]!;
    const flip = flips[full]!;
    for (let i = 0, o = 4 * full; i < count; i++, o += width) {
      let v = 0;
      for (let k = 0; k < rest; k++) v = v << 8 | bytes[o + k]!;
      out[at + i] = (v ^ flip) >>> 0;
    }
  };
  return { bits, convert };
}

/** '<U<c>': one little-endian UCS-4 code unit per word, compared as unsigned like NumPy does. */
function unicodePlan(chars: number, descending: boolean): KeyPlan {
  const flip = descending ? ONES : 0;
  const convert: WordConverter = (data, words, at, count) => {
    const bytes = (data as FixedBytes).bytes;
    const width = chars * 4;
    for (let j = 0; j < chars; j++) {
      const out = words[j]!;
      for (let i = 0, o = 4 * j; i < count; i++, o += width) {
        out[at + i] = ((bytes[o]! | bytes[o + 1]! << 8 | bytes[o + 2]! << 16 | bytes[o + 3]! << 24) ^ flip) >>> 0;
      }
    }
  };
  return { bits: Array.from({ length: chars }, () => 32), convert };
}

/**
 * A dictionary column sorts by the rank of each code's value: the (at most 65535) values are ordered once by
 * their padded bytes, equal values share a rank, and the rows then sort by a word no wider than the ranks need.
 */
export function dictionaryPlan(values: Uint8Array, width: number, descending: boolean): KeyPlan {
  const count = width === 0 ? 0 : Math.floor(values.length / width);
  const buf = Buffer.from(values.buffer, values.byteOffset, count * width);
  const item = (k: number): Buffer => buf.subarray(k * width, (k + 1) * width);
  const byValue = Array.from({ length: count }, (_, k) => k).sort((a, b) => Buffer.compare(item(a), item(b)) || a - b);
  const rank = new Uint32Array(count);
  let r = 0;
  for (let k = 0; k < count; k++) {
    if (k > 0 && Buffer.compare(item(byValue[k]!), item(byValue[k - 1]!)) !== 0) r++;
    rank[byValue[k]!] = r;
  }
  const bits = Math.max(1, 32 - Math.clz32(r));
  const flip = descending ? maskOf(bits) : 0;
  for (let k = 0; k < count; k++) rank[k] = rank[k]! ^ flip;
  const convert: WordConverter = (data, words, at, n) => {
    const codes = (data as DictionaryData).codes;
    const out = words[0]!;
    for (let i = 0; i < n; i++) out[at + i] = rank[codes[i]!]!;
  };
  return { bits: [bits], convert };
}
