// Byte-level moves between variable-length strings and NumPy fixed-width 'S' items, without per-row allocation.

/** Short items are copied byte by byte: a native copy per row costs more than the bytes themselves. */
const LOOP_COPY_LIMIT = 32;

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/**
 * Variable-length values: value k is bytes[starts[k], ends[k]). A strings batch gives
 * starts = offsets and ends = offsets.subarray(1); fixed-width items give their own ends.
 */
export interface StringSpans {
  readonly bytes: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** Longest value of a batch. */
export function maxStringLength(s: StringSpans, rows: number): number {
  let max = 0;
  for (let i = 0; i < rows; i++) {
    const len = s.ends[i]! - s.starts[i]!;
    if (len > max) max = len;
  }
  return max;
}

/** Packs value k into out[k*width …], NUL-padded (out must be zeroed). */
export function packStrings(s: StringSpans, rows: number, out: Uint8Array, width: number): void {
  const { bytes, starts, ends } = s;
  const src = asBuffer(bytes);
  for (let i = 0; i < rows; i++) {
    const a = starts[i]!;
    const len = ends[i]! - a;
    const at = i * width;
    if (len <= LOOP_COPY_LIMIT) for (let j = 0; j < len; j++) out[at + j] = bytes[a + j]!;
    else src.copy(out, at, a, a + len);
  }
}

/** out[k*width …] = values[codes[k]*width …] for each code: dictionary decoding. */
export function gatherFixed(values: Uint8Array, width: number, codes: ArrayLike<number>, count: number, out: Uint8Array): void {
  const src = asBuffer(values);
  for (let i = 0; i < count; i++) {
    const a = codes[i]! * width;
    const at = i * width;
    if (width <= LOOP_COPY_LIMIT) for (let j = 0; j < width; j++) out[at + j] = values[a + j]!;
    else src.copy(out, at, a, a + width);
  }
}

/** Copies `count` items from stride `fromWidth` to stride `toWidth`, truncating or NUL-padding each item. */
export function restride(src: Uint8Array, fromWidth: number, count: number, toWidth: number): Uint8Array {
  const out = new Uint8Array(count * toWidth);
  const w = Math.min(fromWidth, toWidth);
  const buf = asBuffer(src);
  for (let i = 0; i < count; i++) {
    const a = i * fromWidth;
    const at = i * toWidth;
    if (w <= LOOP_COPY_LIMIT) for (let j = 0; j < w; j++) out[at + j] = src[a + j]!;
    else buf.copy(out, at, a, a + w);
  }
  return out;
}

/** Spans of fixed-width items with trailing NULs dropped (NumPy 'S' semantics), so they can be stored as strings. */
export function fixedToSpans(bytes: Uint8Array, width: number, rows: number): StringSpans {
  const starts = new Int32Array(rows);
  const ends = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const a = i * width;
    let end = a + width;
    while (end > a && bytes[end - 1] === 0) end--;
    starts[i] = a;
    ends[i] = end;
  }
  return { bytes, starts, ends };
}

/** The spans of a strings batch. */
export function offsetsToSpans(bytes: Uint8Array, offsets: Int32Array, rows: number): StringSpans {
  if (offsets.length < rows + 1) throw new Error(`strings batch has ${offsets.length - 1} values for ${rows} rows`);
  return { bytes, starts: offsets.subarray(0, rows), ends: offsets.subarray(1, rows + 1) };
}
