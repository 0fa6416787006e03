// Fixed-width string values as NumPy sees them: empty when every byte is NUL, ordered like np.unique, shown like the grid.

import { parseDType } from '../../shared/dtype.js';
import { columnValues } from '../store/row-window-codec.js';

/** True when bytes[at, at + width) is all NUL: the empty string NumPy gets from NUL-padded 'S'/'U' items. */
export function isEmptyValue(bytes: Uint8Array, at: number, width: number): boolean {
  for (let k = 0; k < width; k++) if (bytes[at + k] !== 0) return false;
  return true;
}

/**
 * Orders two items as np.unique sorts them: bytes for 'S', code points (little-endian 32-bit units) for 'U'.
 * NUL padding sorts first, so a prefix comes before its extensions.
 */
export function compareValues(a: Uint8Array, b: Uint8Array, width: number, utf32: boolean): number {
  if (!utf32) {
    for (let k = 0; k < width; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
    return 0;
  }
  for (let k = 0; k + 4 <= width; k += 4) {
    const x = (a[k]! | (a[k + 1]! << 8) | (a[k + 2]! << 16) | (a[k + 3]! << 24)) >>> 0;
    const y = (b[k]! | (b[k + 1]! << 8) | (b[k + 2]! << 16) | (b[k + 3]! << 24)) >>> 0;
    if (x !== y) return x - y;
  }
  return 0;
}

/** Item texts the way the grid shows them (trailing NULs dropped; UTF-8 when valid, else Latin-1; 'U' as UTF-32). */
export function decodeValues(items: readonly Uint8Array[], width: number, utf32: boolean): string[] {
  const bytes = new Uint8Array(items.length * width);
  items.forEach((item, i) => bytes.set(item, i * width));
  const d = parseDType(utf32 ? `<U${width / 4}` : `|S${width}`);
  return columnValues(d, { width, bytes }, items.length).values as string[];
}
