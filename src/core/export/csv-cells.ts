// One column window as CSV cells: exact numbers, readable booleans, decoded and RFC 4180-quoted strings.

import type { ParsedDType } from '../../shared/dtype.js';
import { formatFloat32, formatFloat64 } from '../../shared/format-value.js';
import type { DictionaryBytes, FixedBytes } from '../hdf5/column-source.js';
import { halfToNumber } from '../store/row-window-codec.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** RFC 4180: a field holding a delimiter, a quote or a line break is quoted, its quotes doubled. */
export function quoteField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One NumPy 'S' item: trailing NULs dropped (as NumPy reads it), UTF-8 when valid, else Latin-1 so no byte is lost. */
function decodeBytes(bytes: Uint8Array, start: number, width: number): string {
  let end = start + width;
  while (end > start && bytes[end - 1] === 0) end--;
  const item = bytes.subarray(start, end);
  try {
    return utf8.decode(item);
  } catch {
    return Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString('latin1');
  }
}

/** One NumPy 'U' item (UTF-32LE code points), trailing NULs dropped. */
function decodeUtf32(view: DataView, start: number, width: number): string {
  let end = start + width;
  while (end > start && view.getUint32(end - 4, true) === 0) end -= 4;
  let s = '';
  for (let p = start; p < end; p += 4) s += String.fromCodePoint(view.getUint32(p, true));
  return s;
}

/** The float16 bits nearest to `x` (ties to even), as NumPy casts a parsed double to float16. */
export function toHalfBits(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  const even = (q: number): number => {
    const f = Math.floor(q);
    const d = q - f;
    return d > 0.5 || (d === 0.5 && f % 2 === 1) ? f + 1 : f;
  };
  // Below 2^-14 the spacing is 2^-24 throughout; a rounding up to 1024 lands on the smallest normal's bits.
  if (a < 2 ** -14) return sign | even(a * 2 ** 24);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  let m = even((a / 2 ** e - 1) * 1024);
  if (m === 1024) {
    m = 0;
    e++;
  }
  return e > 15 ? sign | 0x7c00 : sign | ((e + 15) << 10) | m;
}

/** Shortest decimal that parses back to the same float16 (NumPy's repr digits), written like formatFloat32. */
export function formatFloat16(h: number): string {
  const v = halfToNumber(h);
  if (!Number.isFinite(v)) return formatFloat32(v);
  if (Object.is(v, -0)) return '-0.0';
  for (let p = 1; p <= 5; p++) {
    const shortest = Number(v.toPrecision(p));
    if (toHalfBits(shortest) === h) return Number.isInteger(shortest) ? `${shortest}.0` : String(shortest);
  }
  return formatFloat32(v);
}

/** Python's complex repr without parentheses ('1.5-2.0j'), which np.loadtxt and complex() read back. */
function complexCell(re: string, im: number, format: (v: number) => string): string {
  const negative = im < 0 || Object.is(im, -0);
  return `${re}${negative ? '-' : '+'}${format(negative ? -im : im)}j`;
}

/**
 * Formats dictionary values once and looks rows up by code: the values of one dictionary file are shared by
 * every block, so a column keeps the last table while the reader hands out the same bytes.
 */
export class DictionaryCells {
  private values: Uint8Array | undefined;
  private cells: string[] = [];

  table(d: DictionaryBytes): string[] {
    const v = d.values;
    const same = this.values && this.values.buffer === v.buffer && this.values.byteOffset === v.byteOffset && this.values.length === v.length;
    if (!same) {
      this.values = v;
      this.cells = Array.from({ length: v.length / d.width }, (_, k) => quoteField(decodeBytes(v, k * d.width, d.width)));
    }
    return this.cells;
  }
}

/**
 * `count` cells of a column with dtype `d`. Floats are the shortest text that reads back to the same value
 * (float32 as float32, never its long float64 expansion), NaN `nan`, infinities `inf`/`-inf`, -0 `-0.0`;
 * 64-bit integers exact. Booleans are `True`/`False`: pandas.read_csv infers bool from them and
 * np.genfromtxt(dtype=bool) reads them, whereas 1/0 would come back from pandas as int64 and from
 * genfromtxt(dtype=bool) as all False; np.loadtxt(dtype=bool) refuses both words loudly (it wants 0/1),
 * so no reader gets a wrong bool silently.
 */
export function columnCells(value: ArrayBufferView | FixedBytes | DictionaryBytes, d: ParsedDType, count: number, dictionary: DictionaryCells): string[] {
  const out = new Array<string>(count);
  if (!ArrayBuffer.isView(value)) {
    if ('codes' in value) {
      const table = dictionary.table(value);
      for (let r = 0; r < count; r++) out[r] = table[value.codes[r]!]!;
      return out;
    }
    const { bytes, width } = value;
    if (d.kind === 'U') {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let r = 0; r < count; r++) out[r] = quoteField(decodeUtf32(view, r * width, width));
    } else {
      for (let r = 0; r < count; r++) out[r] = quoteField(decodeBytes(bytes, r * width, width));
    }
    return out;
  }
  if (d.kind === 'b') {
    const v = value as Uint8Array;
    for (let r = 0; r < count; r++) out[r] = v[r] ? 'True' : 'False';
    return out;
  }
  if (d.kind === 'f') {
    if (d.itemSize === 2) {
      const v = value as Uint16Array;
      for (let r = 0; r < count; r++) out[r] = formatFloat16(v[r]!);
    } else {
      const v = value as Float32Array | Float64Array;
      const format = d.itemSize === 4 ? formatFloat32 : formatFloat64;
      for (let r = 0; r < count; r++) out[r] = format(v[r]!);
    }
    return out;
  }
  if (d.kind === 'c') {
    const v = value as Float32Array | Float64Array;
    const format = d.itemSize === 8 ? formatFloat32 : formatFloat64;
    for (let r = 0; r < count; r++) out[r] = complexCell(format(v[2 * r]!), v[2 * r + 1]!, format);
    return out;
  }
  const v = value as Exclude<ArrayBufferView, DataView> & ArrayLike<number | bigint>;
  for (let r = 0; r < count; r++) out[r] = String(v[r]);
  return out;
}
