// Copies one block of one column into the write buffer: packed as a column, or interleaved into compound rows.

import type { ColumnSource, FixedBytes } from './column-source.js';
import type { H5Column } from './h5-types.js';

/** A column window as raw little-endian bytes, `width` bytes per value. */
export interface ColumnBytes {
  readonly bytes: Uint8Array;
  readonly width: number;
}

function isFixedBytes(v: ArrayBufferView | FixedBytes): v is FixedBytes {
  return !ArrayBuffer.isView(v);
}

/** Checks what a source returned against the column's dtype and the row count asked for, so a store bug cannot shift every following row. */
export function columnBytes(value: ArrayBufferView | FixedBytes, column: H5Column, count: number, where: string): ColumnBytes {
  if (column.kind === 'bytes') {
    if (!isFixedBytes(value)) throw new Error(`${where}: expected fixed-width bytes for ${column.numpy}, got a typed array`);
    const { width, bytes } = value;
    if (!Number.isInteger(width) || width < 1 || width > column.itemSize) {
      throw new Error(`${where}: byte width ${width} does not fit ${column.numpy}`);
    }
    if (bytes.length !== width * count) throw new Error(`${where}: ${bytes.length} bytes for ${count} values of width ${width}`);
    return { bytes, width };
  }
  if (isFixedBytes(value)) throw new Error(`${where}: expected a typed array for ${column.numpy}, got fixed-width bytes`);
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

/**
 * Writes `count` values into `heap` at `base`, value r at `base + r*stride`, each `itemSize` bytes:
 * stride = itemSize packs a column, stride = row size with `base` at the member offset interleaves
 * compound rows. Narrower strings are NUL-padded (the buffer is reused, so padding must be written);
 * bool is normalised to 0/1.
 */
export function scatter(heap: Uint8Array, base: number, stride: number, itemSize: number, src: ColumnBytes, count: number, bool: boolean): void {
  const s = src.bytes;
  const w = src.width;
  if (bool) {
    for (let r = 0, d = base; r < count; r++, d += stride) heap[d] = s[r] ? 1 : 0;
    return;
  }
  if (stride === itemSize && w === itemSize) {
    heap.set(s, base);
    return;
  }
  // Copy in the widest word (4, 2 or 1 bytes) that divides every offset: a 26-byte seed row takes
  // 2-byte words, halving the stores of a byte loop. Never Float64 words: they may alter NaN bits.
  const word = [4, 2].find((k) => (heap.byteOffset + base) % k === 0 && stride % k === 0 && w % k === 0 && itemSize % k === 0
    && (s.byteOffset % k === 0)) ?? 1;
  const Words = word === 4 ? Uint32Array : word === 2 ? Uint16Array : Uint8Array;
  const dst = new Words(heap.buffer as ArrayBuffer, heap.byteOffset + base, Math.floor((heap.byteLength - base) / word));
  const from = new Words(s.buffer as ArrayBuffer, s.byteOffset, Math.floor(s.byteLength / word));
  copyWords(dst, stride / word, from, w / word, itemSize / word, count);
}

/** Value r: `w` words from src[r*w] to dst[r*stride], then zero words up to `size`. */
function copyWords(dst: Uint8Array | Uint16Array | Uint32Array, stride: number, src: Uint8Array | Uint16Array | Uint32Array, w: number, size: number, count: number): void {
  if (w === size && w === 1) {
    for (let r = 0, d = 0; r < count; r++, d += stride) dst[d] = src[r]!;
  } else if (w === size && w === 2) {
    for (let r = 0, i = 0, d = 0; r < count; r++, i += 2, d += stride) { dst[d] = src[i]!; dst[d + 1] = src[i + 1]!; }
  } else if (w === size && w === 4) {
    for (let r = 0, i = 0, d = 0; r < count; r++, i += 4, d += stride) { dst[d] = src[i]!; dst[d + 1] = src[i + 1]!; dst[d + 2] = src[i + 2]!; dst[d + 3] = src[i + 3]!; }
  } else {
    for (let r = 0, i = 0, d = 0; r < count; r++, d += stride) {
      let k = 0;
      for (; k < w; k++) dst[d + k] = src[i++]!;
      for (; k < size; k++) dst[d + k] = 0;
    }
  }
}
