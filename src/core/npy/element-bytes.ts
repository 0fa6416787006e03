// In-place fixes of raw element bytes while they stream into the store: byte order, and checks NumPy's own reader skips.

import type { ParsedDType } from '../../shared/dtype.js';

/** Swaps each element (each half of a complex) from big- to little-endian, in place. */
export function swapToLittle(bytes: Uint8Array, d: ParsedDType): void {
  if (d.byteOrder !== '>') return;
  const unit = d.kind === 'c' ? d.itemSize / 2 : d.kind === 'U' ? 4 : d.itemSize;
  if (unit === 1) return;
  for (let i = 0; i + unit <= bytes.length; i += unit) {
    for (let a = i, b = i + unit - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}

/** Where element data is not what its dtype promises: a bool byte other than 0/1, a 'U' code point that is no Unicode scalar. */
export interface BadElement {
  /** Element index within `bytes`. */
  readonly index: number;
  readonly message: string;
}

/** Checks little-endian element bytes; null when all are valid. */
export function findBadElement(bytes: Uint8Array, d: ParsedDType): BadElement | null {
  if (d.kind === 'b') {
    for (let i = 0; i < bytes.length; i++) {
      const v = bytes[i]!;
      if (v > 1) return { index: i, message: `invalid bool byte 0x${v.toString(16).padStart(2, '0')} (a '|b1' element must be 0 or 1)` };
    }
    return null;
  }
  if (d.kind === 'U') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let p = 0; p + 4 <= bytes.length; p += 4) {
      const cp = view.getUint32(p, true);
      if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
        const what = cp > 0x10ffff ? 'beyond U+10FFFF' : 'a lone surrogate';
        return { index: Math.floor(p / d.itemSize), message: `invalid unicode string: code point U+${cp.toString(16).toUpperCase()} is ${what}` };
      }
    }
  }
  return null;
}
