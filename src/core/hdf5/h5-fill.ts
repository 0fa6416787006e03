// Copies one block of one column into the write buffer: packed as a column, or interleaved into compound rows.

import type { ColumnSource, DictionaryBytes, FixedBytes } from './column-source.js';
import type { DatasetPlan } from './h5-plan.js';
import type { H5Column } from './h5-types.js';

/** A checked column window: `width` bytes per value, either `count` values in a row or, with `codes`, a table of values the codes index. */
export interface ColumnBytes {
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly codes?: Uint16Array;
}

function isDictionary(v: ArrayBufferView | FixedBytes | DictionaryBytes): v is DictionaryBytes {
  return !ArrayBuffer.isView(v) && 'codes' in v;
}

/** Checks what a source returned against the column's dtype and the row count asked for, so a store bug cannot shift every following row. */
export function columnBytes(value: ArrayBufferView | FixedBytes | DictionaryBytes, column: H5Column, count: number, where: string): ColumnBytes {
  if (column.kind === 'bytes') {
    if (ArrayBuffer.isView(value)) throw new Error(`${where}: expected fixed-width bytes for ${column.numpy}, got a typed array`);
    const { width } = value;
    if (!Number.isInteger(width) || width < 1 || width > column.itemSize) {
      throw new Error(`${where}: byte width ${width} does not fit ${column.numpy}`);
    }
    if (isDictionary(value)) {
      if (value.codes.length !== count) throw new Error(`${where}: ${value.codes.length} dictionary codes for ${count} values`);
      if (value.values.length % width !== 0) throw new Error(`${where}: ${value.values.length} dictionary bytes are not whole values of width ${width}`);
      return { bytes: value.values, width, codes: value.codes };
    }
    if (value.bytes.length !== width * count) throw new Error(`${where}: ${value.bytes.length} bytes for ${count} values of width ${width}`);
    return { bytes: value.bytes, width };
  }
  if (!ArrayBuffer.isView(value)) throw new Error(`${where}: expected a typed array for ${column.numpy}, got fixed-width bytes`);
  if (value.byteLength !== column.itemSize * count) {
    throw new Error(`${where}: ${value.byteLength} bytes for ${count} values of ${column.numpy}`);
  }
  return { bytes: new Uint8Array(value.buffer, value.byteOffset, value.byteLength), width: column.itemSize };
}

/** Reads and checks one block of one column. */
export function readColumnBytes(source: ColumnSource, index: number, column: H5Column, first: number, count: number): ColumnBytes {
  const where = `dataset '${source.name}', column '${source.columns[index]?.name}', rows ${first}–${first + count}`;
  return columnBytes(source.readColumn(index, first, count), column, count, where);
}

/** Rows [first, first + count) of every member of `d`, in member order. */
export function readMembers(source: ColumnSource, d: Pick<DatasetPlan, 'members'>, first: number, count: number): ColumnBytes[] {
  return d.members.map((m) => readColumnBytes(source, m.index, m.column, first, count));
}

/** The members' blocks (readMembers) as `count` packed compound rows of `d.rowBytes` bytes from `base`. */
export function scatterRows(out: Uint8Array, base: number, d: Pick<DatasetPlan, 'members' | 'rowBytes'>, windows: readonly ColumnBytes[], count: number): void {
  d.members.forEach((m, i) => scatter(out, base + m.offset, d.rowBytes, m.column.itemSize, windows[i]!, count, m.column.kind === 'bool'));
}

/**
 * Writes `count` values into `heap` at `base`, value r at `base + r*stride`, each `itemSize` bytes:
 * stride = itemSize packs a column, stride = row size with `base` at the member offset interleaves
 * compound rows. Narrower strings are NUL-padded (the buffer is reused, so padding must be written);
 * dictionary codes are looked up in a table of values padded to `itemSize`; bool is normalised to 0/1.
 */
export function scatter(heap: Uint8Array, base: number, stride: number, itemSize: number, src: ColumnBytes, count: number, bool: boolean): void {
  const s = src.bytes;
  if (bool) {
    for (let r = 0, d = base; r < count; r++, d += stride) heap[d] = s[r] ? 1 : 0;
    return;
  }
  if (!src.codes && stride === itemSize && src.width === itemSize) {
    heap.set(s, base);
    return;
  }
  const dst = new DataView(heap.buffer, heap.byteOffset);
  if (src.codes) {
    copyCoded(dst, base, stride, dictionaryTable(s, src.width, itemSize), src.codes, count);
    return;
  }
  copyStrided(dst, base, stride, new DataView(s.buffer, s.byteOffset, s.byteLength), src.width, count);
  if (src.width < itemSize) zeroRows(heap, base + src.width, stride, itemSize - src.width, count);
}

// Fast path: values move as little-endian 32/16/8-bit words through DataViews, which compile to plain
// unaligned loads and stores, so any row layout (26 or 21 bytes) copies in words rather than bytes.
// Read and written in the same byte order and never as floats, so every bit (NaN payloads too) is kept.

/** Value r: `width` bytes from src[r*width] to dst[at + r*stride]. */
function copyStrided(d: DataView, at: number, stride: number, s: DataView, width: number, count: number): void {
  if (width === 4) {
    for (let r = 0, i = 0; r < count; r++, i += 4, at += stride) d.setUint32(at, s.getUint32(i, true), true);
  } else if (width === 8) {
    for (let r = 0, i = 0; r < count; r++, i += 8, at += stride) { d.setUint32(at, s.getUint32(i, true), true); d.setUint32(at + 4, s.getUint32(i + 4, true), true); }
  } else if (width === 2) {
    for (let r = 0, i = 0; r < count; r++, i += 2, at += stride) d.setUint16(at, s.getUint16(i, true), true);
  } else if (width === 1) {
    for (let r = 0; r < count; r++, at += stride) d.setUint8(at, s.getUint8(r));
  } else {
    for (let r = 0, i = 0; r < count; r++, at += stride, i += width) copyItem(d, at, s, i, width);
  }
}

/** Dictionary values padded to `size` bytes, split into the 32-bit words and 16/8-bit tail each row copies. */
interface DictionaryTable {
  readonly values: number;
  readonly words: number;
  readonly size: number;
  readonly w32: Uint32Array;
  readonly w16: Uint16Array;
  readonly w8: Uint8Array;
}

function dictionaryTable(bytes: Uint8Array, width: number, size: number): DictionaryTable {
  const values = bytes.length / width;
  const padded = new Uint8Array(values * size);
  for (let k = 0; k < values; k++) padded.set(bytes.subarray(k * width, (k + 1) * width), k * size);
  const p = new DataView(padded.buffer);
  const words = size >> 2;
  const w32 = new Uint32Array(values * words);
  const w16 = new Uint16Array(values);
  const w8 = new Uint8Array(values);
  for (let k = 0; k < values; k++) {
    let o = k * size;
    for (let j = 0; j < words; j++, o += 4) w32[k * words + j] = p.getUint32(o, true);
    if (size & 2) {
      w16[k] = p.getUint16(o, true);
      o += 2;
    }
    if (size & 1) w8[k] = p.getUint8(o);
  }
  return { values, words, size, w32, w16, w8 };
}

/** Value r: the table's value codes[r] to dst[at + r*stride]; a code past the table throws. */
function copyCoded(d: DataView, at: number, stride: number, t: DictionaryTable, codes: Uint16Array, count: number): void {
  const { values, words, size, w32, w16, w8 } = t;
  // Common widths get loops without the inner word loop: 2–5× faster than the general one below.
  if (size === 4) {
    for (let r = 0; r < count; r++, at += stride) {
      const c = codes[r]!;
      if (c >= values) throw codeError(c, r, values);
      d.setUint32(at, w32[c]!, true);
    }
  } else if (size === 5) {
    for (let r = 0; r < count; r++, at += stride) {
      const c = codes[r]!;
      if (c >= values) throw codeError(c, r, values);
      d.setUint32(at, w32[c]!, true);
      d.setUint8(at + 4, w8[c]!);
    }
  } else if (size === 8) {
    for (let r = 0; r < count; r++, at += stride) {
      const c = codes[r]!;
      if (c >= values) throw codeError(c, r, values);
      d.setUint32(at, w32[2 * c]!, true);
      d.setUint32(at + 4, w32[2 * c + 1]!, true);
    }
  } else if (words >= 1 && words <= 4) {
    // 4 to 16 bytes (|S10 chromosome names among them): the words written without an inner loop; the
    // tests on `words`, `half` and `odd` are the same for every row, so they cost next to nothing.
    const half = size & 2;
    const odd = size & 1;
    const tail = words * 4;
    for (let r = 0; r < count; r++, at += stride) {
      const c = codes[r]!;
      if (c >= values) throw codeError(c, r, values);
      const i = c * words;
      d.setUint32(at, w32[i]!, true);
      if (words > 1) d.setUint32(at + 4, w32[i + 1]!, true);
      if (words > 2) d.setUint32(at + 8, w32[i + 2]!, true);
      if (words > 3) d.setUint32(at + 12, w32[i + 3]!, true);
      if (half) d.setUint16(at + tail, w16[c]!, true);
      if (odd) d.setUint8(at + tail + half, w8[c]!);
    }
  } else {
    const half = size & 2;
    const odd = size & 1;
    for (let r = 0; r < count; r++, at += stride) {
      const c = codes[r]!;
      if (c >= values) throw codeError(c, r, values);
      let o = at;
      for (let j = 0, i = c * words; j < words; j++, o += 4) d.setUint32(o, w32[i + j]!, true);
      if (half) {
        d.setUint16(o, w16[c]!, true);
        o += 2;
      }
      if (odd) d.setUint8(o, w8[c]!);
    }
  }
}

function codeError(code: number, row: number, values: number): Error {
  return new Error(`dictionary code ${code} at row ${row} is past the ${values} values`);
}

function copyItem(d: DataView, o: number, s: DataView, i: number, width: number): void {
  const end = o + width - 3;
  for (; o < end; o += 4, i += 4) d.setUint32(o, s.getUint32(i, true), true);
  if (width & 2) {
    d.setUint16(o, s.getUint16(i, true), true);
    o += 2;
    i += 2;
  }
  if (width & 1) d.setUint8(o, s.getUint8(i));
}

function zeroRows(heap: Uint8Array, at: number, stride: number, n: number, count: number): void {
  for (let r = 0; r < count; r++, at += stride) for (let k = 0; k < n; k++) heap[at + k] = 0;
}
