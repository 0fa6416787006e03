// Gathers a column's values at a view's rows (windows, sorts, exports): raw words, every bit kept, each slab read once.

import { parseDType } from '../../shared/dtype.js';
import type { ColumnData, DatasetReader, DictionaryData } from '../store/dataset-reader.js';
import { typedView, type NumericArray } from '../store/dtype-arrays.js';
import type { RowIndex } from './row-index.js';

type Words = Uint8Array | Uint16Array | Uint32Array;

/** `count` items of `size` bytes at `bytes` as whole words: 4-byte words when the size allows, else 2- or 1-byte. */
function words(buffer: ArrayBufferLike, byteOffset: number, count: number, size: number): { data: Words; per: number } {
  if (size % 4 === 0 && byteOffset % 4 === 0) return { data: new Uint32Array(buffer, byteOffset, (count * size) / 4), per: size / 4 };
  if (size % 2 === 0 && byteOffset % 2 === 0) return { data: new Uint16Array(buffer, byteOffset, (count * size) / 2), per: size / 2 };
  return { data: new Uint8Array(buffer, byteOffset, count * size), per: size };
}

/** The bytes of one slab as readEncoded returns it: plain values, fixed-width items, or dictionary codes. */
function slabBytes(slab: ColumnData | DictionaryData): Uint8Array {
  if ('codes' in slab) return new Uint8Array(slab.codes.buffer, slab.codes.byteOffset, slab.codes.byteLength);
  if ('bytes' in slab && 'width' in slab) return slab.bytes;
  const v = slab as NumericArray;
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

/** Positions order[from..to) (all in the slab at `start`): out[i] = src[rows[i] − start], `per` words each. */
function copyBucket(o: Words, src: Words, per: number, rows: RowIndex, order: Uint32Array, from: number, to: number, start: number): void {
  if (per === 1) {
    for (let k = from; k < to; k++) {
      const i = order[k]!;
      o[i] = src[rows[i]! - start]!;
    }
    return;
  }
  for (let k = from; k < to; k++) {
    const i = order[k]!;
    for (let j = 0, a = per * (rows[i]! - start), b = per * i; j < per; j++) o[b + j] = src[a + j]!;
  }
}

/** Every position whose row lies in [start, end), in position order. */
function copyScan(o: Words, src: Words, per: number, rows: RowIndex, start: number, end: number): void {
  const n = rows.length;
  if (per === 1) {
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      if (r >= start && r < end) o[i] = src[r - start]!;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    if (r >= start && r < end) for (let j = 0, a = per * (r - start), b = per * i; j < per; j++) o[b + j] = src[a + j]!;
  }
}

/**
 * Values of column `name` at `rows` (any order, repeats allowed), in that order, as readEncoded gives them:
 * a typed array in the dtype, fixed-width items, or dictionary codes with the dictionary's values.
 *
 * Values move as integer words (a float copied through a JS number turns a signalling NaN quiet, and a complex
 * value is two floats), and positions are first bucketed by slab so each slab of `slabBytesMax` visits only its own
 * rows — O(rows + slabs) rather than O(rows × slabs), which matters when a sorted view of a big table scatters every
 * window over the whole column. Only slabs holding a wanted row are read: a window of a few rows passes small slabs
 * (a few KB) and costs one small read per row, an export passes large ones and reads each column once per slab.
 */
export function gatherColumn(reader: DatasetReader, name: string, rows: RowIndex, slabBytesMax: number): ColumnData | DictionaryData {
  const col = reader.manifest.columns.find((c) => c.name === name);
  if (!col) throw new Error(`no column '${name}'`);
  const plain = col.storage.kind === 'plain' ? parseDType(col.storage.dtype) : undefined;
  const size = plain ? plain.itemSize : 2;
  const n = rows.length;
  let lo = Infinity;
  let hi = -1;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    if (r < lo) lo = r;
    if (r > hi) hi = r;
  }
  if (hi >= reader.rows) throw new Error(`row ${hi} is past the ${reader.rows} rows of the dataset`);
  const out = new ArrayBuffer(n * size);
  const dst = words(out, 0, n, size);
  const slabRows = Math.max(1, Math.floor(slabBytesMax / size));
  const slabs = n === 0 ? 0 : Math.floor((hi - lo) / slabRows) + 1;
  // Counting sort of positions by slab: starts[s]..starts[s+1] are the positions whose row lies in slab s. With one
  // or two slabs a scan in position order is cheaper (writes stay sequential), so the order is left as it is.
  const bucketed = slabs > 2;
  const starts = new Uint32Array(slabs + 1);
  const order = bucketed ? new Uint32Array(n) : undefined;
  if (order) {
    for (let i = 0; i < n; i++) starts[Math.floor((rows[i]! - lo) / slabRows) + 1]!++;
    for (let s = 0; s < slabs; s++) starts[s + 1]! += starts[s]!;
    const next = starts.slice(0, slabs);
    for (let i = 0; i < n; i++) order[next[Math.floor((rows[i]! - lo) / slabRows)]!++] = i;
  }

  let last: ColumnData | DictionaryData | undefined;
  for (let s = 0; s < slabs; s++) {
    if (order && starts[s] === starts[s + 1]) continue;
    const start = lo + s * slabRows;
    const count = Math.min(slabRows, hi + 1 - start);
    last = reader.readEncoded(name, start, count);
    const bytes = slabBytes(last);
    const src = words(bytes.buffer, bytes.byteOffset, count, size).data;
    if (order) copyBucket(dst.data, src, dst.per, rows, order, starts[s]!, starts[s + 1]!, start);
    else copyScan(dst.data, src, dst.per, rows, start, start + count);
  }
  if (!plain) {
    // Codes only ever index values already written, so the last slab's dictionary covers every code gathered.
    const dictionary = (last ?? reader.readEncoded(name, 0, 0)) as DictionaryData;
    return { width: dictionary.width, codes: new Uint16Array(out), values: dictionary.values };
  }
  if (plain.kind === 'S' || plain.kind === 'U') return { width: size, bytes: new Uint8Array(out) };
  return typedView(plain, out, 0, n);
}
