// Lays one column's values straight into HDF5's shuffled chunk layout: byte k of every row together, row after row.

import type { ColumnBytes } from './h5-fill.js';
import type { DatasetPlan } from './h5-plan.js';

/*
 * The shuffle filter stores a chunk of n rows of R bytes as R planes of n bytes: plane k holds byte k of
 * each row. Writing the planes from the columns directly skips building the interleaved rows and then
 * transposing them (the same bytes, one pass instead of two). Bytes are copied as they are, so every bit,
 * NaN payloads included, is kept; bool is normalised to 0/1 and narrower strings are NUL-padded as in
 * h5-fill.ts.
 */

/** The members' blocks (readMembers) as one shuffled chunk of `rows` rows; `chunk` must be zeroed. */
export function scatterRowsShuffled(chunk: Uint8Array, rows: number, d: Pick<DatasetPlan, 'members'>, windows: readonly ColumnBytes[], count: number): void {
  d.members.forEach((m, i) => scatterShuffled(chunk, rows, m.offset, m.column.itemSize, windows[i]!, count, m.column.kind === 'bool'));
}

/**
 * Writes `count` values of a member at byte `offset` of an `itemSize`-byte field into `chunk`, a zeroed
 * buffer of `rows` rows (rows beyond `count` stay zero, as HDF5 pads the last chunk).
 */
function scatterShuffled(chunk: Uint8Array, rows: number, offset: number, itemSize: number, src: ColumnBytes, count: number, bool: boolean): void {
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
    let runs = 0;
    for (let r = 0, prev = -1; r < count; r++) {
      const c = codes[r]!;
      if (c >= values) throw new Error(`dictionary code ${c} at row ${r} is past the ${values} values`);
      runs += c !== prev ? 1 : 0;
      prev = c;
    }
    // Sorted or blocked columns (chromosomes) hold long runs of one value: a native fill per run and plane
    // instead of a byte per row and plane (1.7 ms a 2 MiB chunk of |S10 codes, 80% of the chunk's time).
    if (runs * 16 <= count) {
      fillRuns(chunk, rows, offset, s, width, codes, count);
      return;
    }
    for (let b = 0; b < width; b++) {
      const o = (offset + b) * rows;
      for (let r = 0; r < count; r++) chunk[o + r] = s[codes[r]! * width + b]!;
    }
    return;
  }
  if (width === itemSize && (width === 4 || width === 8)) {
    planesOfWords(chunk, offset * rows, rows, new DataView(s.buffer, s.byteOffset, s.byteLength), width >> 2, count);
    return;
  }
  // Plane by plane: a strided read of the column and a sequential write of the plane.
  for (let b = 0; b < Math.min(width, itemSize); b++) {
    const o = (offset + b) * rows;
    for (let r = 0, k = b; r < count; r++, k += width) chunk[o + r] = s[k]!;
  }
}

/**
 * 4- and 8-byte values: each 32-bit word is read once (little-endian, as stored) and its four bytes go to four
 * planes; byte by byte, a plane per pass, read every value four times and took ~1.6× as long.
 */
function planesOfWords(chunk: Uint8Array, at: number, rows: number, s: DataView, words: number, count: number): void {
  for (let w = 0; w < words; w++) {
    const p0 = at + 4 * w * rows;
    const p1 = p0 + rows;
    const p2 = p1 + rows;
    const p3 = p2 + rows;
    for (let r = 0, i = 4 * w; r < count; r++, i += 4 * words) {
      const v = s.getUint32(i, true);
      chunk[p0 + r] = v;
      chunk[p1 + r] = v >>> 8;
      chunk[p2 + r] = v >>> 16;
      chunk[p3 + r] = v >>> 24;
    }
  }
}

/** Dictionary values by runs of equal codes: each run is one fill per plane. */
function fillRuns(chunk: Uint8Array, rows: number, offset: number, values: Uint8Array, width: number, codes: Uint16Array, count: number): void {
  for (let r = 0; r < count;) {
    const c = codes[r]!;
    let e = r + 1;
    while (e < count && codes[e] === c) e++;
    for (let b = 0; b < width; b++) {
      const o = (offset + b) * rows;
      chunk.fill(values[c * width + b]!, o + r, o + e);
    }
    r = e;
  }
}
