// Reads a column's values at arbitrary rows (a view's index): coalesced reads for windows, whole-column passes for exports.

import { parseDType } from '../../shared/dtype.js';
import type { ColumnData, DatasetReader, DictionaryData } from '../store/dataset-reader.js';
import type { FixedBytes, NumericArray } from '../store/dtype-arrays.js';
import type { RowIndex } from './row-index.js';

/** Rows this close together are read as one span: one pread of a few KB beats two syscalls. */
const SPAN_GAP_ROWS = 512;
/** Bytes of a column a gather may hold at once; a bigger column is gathered in passes over slabs this size. */
const DEFAULT_SLAB_BYTES = 256 << 20;

type Encoded = ColumnData | DictionaryData;

function isDictionary(d: Encoded): d is DictionaryData {
  return 'codes' in d;
}
function isFixed(d: Encoded): d is FixedBytes {
  return 'bytes' in d && 'width' in d && !('codes' in d);
}

/** An empty result of the column's stored kind, with room for `n` values. */
function allocLike(sample: Encoded, n: number): Encoded {
  if (isDictionary(sample)) return { width: sample.width, codes: new Uint16Array(n), values: sample.values };
  if (isFixed(sample)) return { width: sample.width, bytes: new Uint8Array(n * sample.width) };
  const Ctor = (sample as NumericArray).constructor as new (n: number) => NumericArray;
  return new Ctor(n);
}

/** out[o] = src[s] for one value, whatever the kind. */
function copyValue(src: Encoded, s: number, out: Encoded, o: number): void {
  if (isDictionary(src)) (out as DictionaryData).codes[o] = src.codes[s]!;
  else if (isFixed(src)) (out as FixedBytes).bytes.set(src.bytes.subarray(s * src.width, (s + 1) * src.width), o * src.width);
  else (out as NumericArray)[o] = (src as NumericArray)[s]!;
}

/** Copies a block's values, since readEncoded's buffers are reused by the next read of the column. */
function own(d: Encoded): Encoded {
  if (isDictionary(d)) return { width: d.width, codes: d.codes.slice(), values: d.values };
  if (isFixed(d)) return { width: d.width, bytes: d.bytes.slice() };
  return (d as NumericArray).slice();
}

/**
 * Values of column `name` at `rows` (any order, repeats allowed), in that order. Dictionary columns come
 * encoded (codes gathered, values shared) when `encoded` is set, else expanded to fixed-width bytes.
 * Every row must be below reader.rows.
 */
export function gatherColumn(reader: DatasetReader, name: string, rows: RowIndex, encoded = false, slabBytes = DEFAULT_SLAB_BYTES): Encoded {
  const n = rows.length;
  const read = (first: number, count: number): Encoded => (encoded ? own(reader.readEncoded(name, first, count)) : reader.readColumn(name, first, count));
  if (n === 0) return read(0, 0);
  const col = reader.manifest.columns.find((c) => c.name === name);
  if (!col) throw new Error(`no column '${name}'`);
  const itemBytes = col.storage.kind === 'plain' ? parseDType(col.storage.dtype).itemSize : 2;
  let lo = Infinity;
  let hi = -1;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    if (r < lo) lo = r;
    if (r > hi) hi = r;
  }
  if (hi >= reader.rows) throw new Error(`row ${hi} is past the ${reader.rows} rows of the dataset`);
  // Many rows over a span: read the span in slabs and pick (a sorted export of 1e8 rows is a few passes, not 1e8 reads).
  if (n >= 4096 || (hi - lo + 1) * itemBytes <= 1 << 20) return gatherBySlabs(read, rows, lo, hi, Math.max(1, Math.floor(slabBytes / itemBytes)));
  return gatherBySpans(read, rows);
}

function gatherBySlabs(read: (first: number, count: number) => Encoded, rows: RowIndex, lo: number, hi: number, slabRows: number): Encoded {
  const n = rows.length;
  let out: Encoded | undefined;
  for (let start = lo; start <= hi; start += slabRows) {
    const count = Math.min(slabRows, hi + 1 - start);
    const slab = read(start, count);
    out ??= allocLike(slab, n);
    const end = start + count;
    // One pass per slab over the rows: the common case (one slab) is a plain indexed copy.
    if (!isDictionary(slab) && !isFixed(slab)) {
      const o = out as NumericArray;
      const s = slab as NumericArray;
      for (let i = 0; i < n; i++) {
        const r = rows[i]!;
        if (r >= start && r < end) o[i] = s[r - start]!;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const r = rows[i]!;
        if (r >= start && r < end) copyValue(slab, r - start, out, i);
      }
    }
  }
  return out!;
}

/** Few rows spread far apart (a window of a sorted view): sort them, read each run of nearby rows once. */
function gatherBySpans(read: (first: number, count: number) => Encoded, rows: RowIndex): Encoded {
  const n = rows.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rows[a]! - rows[b]!);
  let out: Encoded | undefined;
  let i = 0;
  while (i < n) {
    const first = rows[order[i]!]!;
    let j = i + 1;
    while (j < n && rows[order[j]!]! - rows[order[j - 1]!]! <= SPAN_GAP_ROWS) j++;
    const last = rows[order[j - 1]!]!;
    const span = read(first, last - first + 1);
    out ??= allocLike(span, n);
    for (let k = i; k < j; k++) copyValue(span, rows[order[k]!]! - first, out, order[k]!);
    i = j;
  }
  return out!;
}
