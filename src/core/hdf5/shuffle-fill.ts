// Lays one column's values straight into HDF5's shuffled chunk layout: byte k of every row together, row after row.

import type { ColumnBytes } from './h5-fill.js';

/*
 * The shuffle filter stores a chunk of n rows of R bytes as R planes of n bytes: plane k holds byte k of
 * each row. Writing the planes from the columns directly skips building the interleaved rows and then
 * transposing them (the same bytes, one pass instead of two). Bytes are copied as they are, so every bit,
 * NaN payloads included, is kept; bool is normalised to 0/1 and narrower strings are NUL-padded as in
 * h5-fill.ts.
 */

/**
 * Writes `count` values of a member at byte `offset` of an `itemSize`-byte field into `chunk`, a zeroed
 * buffer of `rows` rows (rows beyond `count` stay zero, as HDF5 pads the last chunk).
 */
export function scatterShuffled(chunk: Uint8Array, rows: number, offset: number, itemSize: number, src: ColumnBytes, count: number, bool: boolean): void {
  const s = src.bytes;
  if (bool) {
    const o = offset * rows;
    for (let r = 0; r < count; r++) chunk[o + r] = s[r] ? 1 : 0;
    return;
  }
  const width = src.width;
  if (src.codes) {
    const codes = src.codes;
    const values = s.length / width;
    for (let r = 0; r < count; r++) if (codes[r]! >= values) throw new Error(`dictionary code ${codes[r]} at row ${r} is past the ${values} values`);
    for (let b = 0; b < width; b++) {
      const o = (offset + b) * rows;
      for (let r = 0; r < count; r++) chunk[o + r] = s[codes[r]! * width + b]!;
    }
    return;
  }
  // Plane by plane: a strided read of the column and a sequential write of the plane.
  for (let b = 0; b < Math.min(width, itemSize); b++) {
    const o = (offset + b) * rows;
    for (let r = 0, k = b; r < count; r++, k += width) chunk[o + r] = s[k]!;
  }
}
