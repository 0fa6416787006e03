// String comparisons of filters: fixed-width 'S' bytes or 'U' code points, NUL-padded, plain or dictionary-encoded.

import type { DictionaryData } from '../store/dataset-reader.js';
import type { FixedBytes } from '../store/dtype-arrays.js';
import { outcomes } from './filter-compare.js';
import type { StringLiteral } from './filter-lex.js';
import type { CmpOp } from './filter-parse.js';

type Units = Uint8Array | Uint32Array;
export type StringData = FixedBytes | DictionaryData;

/** Per dictionary (by its values array): the predicate's answer for each code, computed once and reused by every block. */
export interface DictionaryCache {
  /** The dictionary the answers are for: the reader hands out a new view of the same bytes each block. */
  buffer: ArrayBufferLike | null;
  offset: number;
  length: number;
  readonly answers: Uint8Array;
}

export function newDictionaryCache(): DictionaryCache {
  return { buffer: null, offset: 0, length: 0, answers: new Uint8Array(65536) };
}

/** Items as units: bytes for 'S', code points for 'U' (4-byte little-endian), with the width in units. */
function unitsOf(bytes: Uint8Array, width: number, unicode: boolean): { u: Units; w: number } {
  if (!unicode) return { u: bytes, w: width };
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  return { u: new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length >> 2), w: width >> 2 };
}

/**
 * -1, 0 or 1 as item [off, off + w) compares with `lit` (no trailing NULs). NumPy pads the shorter side with NULs,
 * so a value's trailing NULs are padding and a value shorter than the literal compares as a prefix.
 */
function compareItem(u: Units, off: number, w: number, lit: Units): number {
  const L = lit.length;
  const m = w < L ? w : L;
  for (let j = 0; j < m; j++) {
    const a = u[off + j]!;
    const b = lit[j]!;
    if (a !== b) return a < b ? -1 : 1;
  }
  if (L > w) return -1; // the literal goes on past the value's padding and ends in a non-NUL
  for (let j = L; j < w; j++) if (u[off + j] !== 0) return 1;
  return 0;
}

/** out[i] = column[i] op literal for the block's n rows. */
export function compareStringLiteral(op: CmpOp, data: StringData, unicode: boolean, literal: StringLiteral, out: Uint8Array, n: number, cache: DictionaryCache): void {
  const t = outcomes(op);
  const lit: Units = unicode ? literal.codePoints : literal.bytes;
  if ('codes' in data) {
    // Dictionary: decide each distinct value once, then each row is one lookup (why `chr == "chr1"` is fast).
    const v = data.values;
    if (cache.buffer !== v.buffer || cache.offset !== v.byteOffset || cache.length !== v.length) {
      const { u, w } = unitsOf(data.values, data.width, unicode);
      const count = w ? Math.floor(u.length / w) : 0;
      for (let k = 0; k < count; k++) cache.answers[k] = t[compareItem(u, k * w, w, lit) + 1]!;
      cache.buffer = v.buffer;
      cache.offset = v.byteOffset;
      cache.length = v.length;
    }
    const answers = cache.answers;
    const codes = data.codes;
    for (let i = 0; i < n; i++) out[i] = answers[codes[i]!]!;
    return;
  }
  const { u, w } = unitsOf(data.bytes, data.width, unicode);
  for (let i = 0; i < n; i++) out[i] = t[compareItem(u, i * w, w, lit) + 1]!;
}

/** out[i] = a[i] op b[i] for two string columns of the same kind. */
export function compareStringColumns(op: CmpOp, a: StringData, b: StringData, unicode: boolean, out: Uint8Array, n: number): void {
  const t = outcomes(op);
  const A = unitsOf('codes' in a ? a.values : a.bytes, a.width, unicode);
  const B = unitsOf('codes' in b ? b.values : b.bytes, b.width, unicode);
  const aCodes = 'codes' in a ? a.codes : null;
  const bCodes = 'codes' in b ? b.codes : null;
  const wa = A.w;
  const wb = B.w;
  const m = wa > wb ? wa : wb;
  for (let i = 0; i < n; i++) {
    const oa = (aCodes ? aCodes[i]! : i) * wa;
    const ob = (bCodes ? bCodes[i]! : i) * wb;
    let c = 0;
    for (let j = 0; j < m && c === 0; j++) {
      const x = j < wa ? A.u[oa + j]! : 0;
      const y = j < wb ? B.u[ob + j]! : 0;
      if (x !== y) c = x < y ? -1 : 1;
    }
    out[i] = t[c + 1]!;
  }
}
