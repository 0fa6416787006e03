// Turns typed column windows into the JSON-safe RowWindow the renderer gets: small windows, so plain arrays are fine here.

import { parseDType, type ParsedDType } from '../../shared/dtype.js';
import type { ColumnValues, RowWindow } from '../../shared/row-window.js';
import type { FixedBytes, NumericArray } from './dtype-arrays.js';

/** Rows [firstRow, firstRow + rowCount) of some columns, as typed arrays or fixed-width items (readWindow's result). */
export interface TypedWindow {
  readonly firstRow: number;
  readonly rowCount: number;
  readonly totalRows: number;
  readonly columns: readonly { readonly name: string; readonly dtype: string; readonly data: NumericArray | FixedBytes }[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function toRowWindow(datasetId: string, w: TypedWindow): RowWindow {
  return {
    datasetId,
    firstRow: w.firstRow,
    rowCount: w.rowCount,
    totalRows: w.totalRows,
    columns: w.columns.map((c) => ({ name: c.name, dtype: c.dtype, data: columnValues(parseDType(c.dtype), c.data, w.rowCount) })),
  };
}

/** Typed column data as the JSON-safe values the window shows. */
export function columnValues(d: ParsedDType, data: NumericArray | FixedBytes, n: number): ColumnValues {
  if ('width' in data) return { kind: 'bytes', values: decodeItems(data, n, d.kind === 'U') };
  if (d.kind === 'b') return { kind: 'bool', values: Array.from(data as Uint8Array, (v) => v !== 0) };
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    let safe = true;
    for (const v of data) if (v > 9007199254740991n || v < -9007199254740991n) safe = false;
    return safe ? { kind: 'number', values: Array.from(data, Number) } : { kind: 'bigint', values: Array.from(data, String) };
  }
  if (d.kind === 'c') {
    const parts = data as Float32Array | Float64Array;
    const values: string[] = [];
    for (let i = 0; i < n; i++) values.push(complexText(parts[2 * i]!, parts[2 * i + 1]!));
    return { kind: 'bytes', values };
  }
  if (d.kind === 'f' && d.itemSize === 2) return { kind: 'number', values: Array.from(data as Uint16Array, halfToNumber) };
  return { kind: 'number', values: Array.from(data as Exclude<NumericArray, BigInt64Array | BigUint64Array>) };
}

/** Item text: trailing NULs dropped (NumPy 'S'), UTF-8 when valid, else Latin-1 so every byte shows. */
function decodeItems(data: FixedBytes, n: number, utf32: boolean): string[] {
  const out: string[] = [];
  const { width, bytes } = data;
  for (let i = 0; i < n; i++) {
    const a = i * width;
    let end = a + width;
    if (utf32) {
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      while (end > a && view.getUint32(end - 4, true) === 0) end -= 4;
      let s = '';
      for (let p = a; p + 4 <= end; p += 4) s += String.fromCodePoint(view.getUint32(p, true));
      out.push(s);
      continue;
    }
    while (end > a && bytes[end - 1] === 0) end--;
    const item = bytes.subarray(a, end);
    try {
      out.push(utf8.decode(item));
    } catch {
      out.push(Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString('latin1'));
    }
  }
  return out;
}

function complexText(re: number, im: number): string {
  return `${re}${im < 0 || Object.is(im, -0) ? '-' : '+'}${Math.abs(im)}j`;
}

/** IEEE half-precision bits as a number. */
export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}
