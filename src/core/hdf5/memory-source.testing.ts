// Test-only ColumnSource: deterministic in-memory columns with the awkward values (NaN, -0.0, integer extremes, ragged strings).

import { parseDType } from '../../shared/dtype.js';
import type { ColumnSource, DictionaryBytes, FixedBytes } from './column-source.js';

export interface MemoryColumn {
  readonly name: string;
  readonly dtype: string;
  /** Typed array in the dtype, or fixed-width bytes or dictionary codes for |S<n> (width may be below n). */
  readonly data: ArrayBufferView | FixedBytes | DictionaryBytes;
}

/** xorshift32: a repeatable stream per column without depending on Math.random. */
function rng(seed: number): () => number {
  let x = (seed * 2654435761) >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x;
  };
}

const INT_ARRAYS = { 1: Int8Array, 2: Int16Array, 4: Int32Array } as const;
const UINT_ARRAYS = { 1: Uint8Array, 2: Uint16Array, 4: Uint32Array } as const;

/**
 * Column values for `dtype`. Rows 0.. hold the edge cases (min, max, 0, -1 / NaN, -0.0, ±Inf,
 * a signalling-style NaN payload, subnormals); the rest are pseudo-random bit patterns.
 * Strings are `stringWidth` bytes wide (default the dtype's n), with lengths 0..width, spaces
 * inside and at the end, and bytes ≥ 0x80, but no NUL (a fixed-length HDF5 string ends there).
 */
export function generateColumn(dtype: string, rows: number, seed: number, stringWidth?: number): ArrayBufferView | FixedBytes {
  const d = parseDType(dtype);
  const next = rng(seed);
  if (d.kind === 'S') {
    const width = stringWidth ?? d.itemSize;
    const bytes = new Uint8Array(rows * width);
    for (let r = 0; r < rows; r++) {
      const len = r < width + 1 ? r : next() % (width + 1);
      for (let k = 0; k < len; k++) {
        const v = next();
        bytes[r * width + k] = v % 11 === 0 ? 0x20 : v % 13 === 0 ? 0x80 + (v % 128) : 0x41 + (v % 26);
      }
    }
    return { width, bytes };
  }
  if (d.kind === 'b') {
    const a = new Uint8Array(rows);
    for (let r = 0; r < rows; r++) a[r] = next() & 1;
    return a;
  }
  if (d.kind === 'f') {
    const a = d.itemSize === 4 ? new Float32Array(rows) : new Float64Array(rows);
    const bits = d.itemSize === 4 ? new Uint32Array(a.buffer) : new BigUint64Array(a.buffer);
    const edges = [NaN, -0, 0, Infinity, -Infinity, d.itemSize === 4 ? 3.4028234663852886e38 : Number.MAX_VALUE, d.itemSize === 4 ? 1.401298464324817e-45 : Number.MIN_VALUE, -1.5];
    for (let r = 0; r < rows; r++) {
      if (r < edges.length) a[r] = edges[r]!;
      else if (r === edges.length) {
        // A NaN with a non-default payload: bit-exact writers keep it, readers treat all NaN as equal.
        if (bits instanceof Uint32Array) bits[r] = 0x7fa00001;
        else bits[r] = 0x7ff4000000000001n;
      } else if (r % 3 === 0) a[r] = ((next() % 2000001) - 1000000) / 1024;
      else if (bits instanceof Uint32Array) bits[r] = next();
      else bits[r] = (BigInt(next()) << 32n) | BigInt(next());
    }
    return a;
  }
  const signed = d.kind === 'i';
  if (d.itemSize === 8) {
    const a = signed ? new BigInt64Array(rows) : new BigUint64Array(rows);
    const edges = signed ? [-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n] : [0n, 2n ** 64n - 1n, 1n];
    for (let r = 0; r < rows; r++) {
      const v = r < edges.length ? edges[r]! : (BigInt(next()) << 32n) | BigInt(next());
      a[r] = signed ? BigInt.asIntN(64, v) : v;
    }
    return a;
  }
  const Ctor = (signed ? INT_ARRAYS : UINT_ARRAYS)[d.itemSize as 1 | 2 | 4];
  const a = new Ctor(rows);
  const half = 2 ** (d.itemSize * 8 - 1);
  const edges = signed ? [-half, half - 1, 0, -1] : [0, 2 * half - 1, 1];
  for (let r = 0; r < rows; r++) a[r] = r < edges.length ? edges[r]! : next();
  return a;
}

export interface MemorySourceOptions {
  readonly attributes?: Record<string, string | number>;
  /** Called before every readColumn (tests make it throw on a given block). */
  readonly onRead?: (index: number, first: number, count: number) => void;
}

/** An in-memory ColumnSource over prepared columns; windows are views, not copies. */
export function memorySource(name: string, rows: number, columns: readonly MemoryColumn[], options: MemorySourceOptions = {}): ColumnSource {
  return {
    name,
    rows,
    columns: columns.map((c) => ({ name: c.name, dtype: c.dtype })),
    attributes: options.attributes ?? {},
    readColumn(index, first, count) {
      options.onRead?.(index, first, count);
      const data = columns[index]!.data;
      if ('codes' in data) return { width: data.width, values: data.values, codes: data.codes.subarray(first, first + count) };
      if (!ArrayBuffer.isView(data)) return { width: data.width, bytes: data.bytes.subarray(first * data.width, (first + count) * data.width) };
      return (data as unknown as { subarray(a: number, b: number): ArrayBufferView }).subarray(first, first + count);
    },
  };
}

/** Generated columns for `schema` (name, dtype, optional narrower string width), seeded by position. */
export function generatedColumns(schema: readonly { name: string; dtype: string; width?: number }[], rows: number, seed = 1): MemoryColumn[] {
  return schema.map((c, i) => ({ name: c.name, dtype: c.dtype, data: generateColumn(c.dtype, rows, seed * 1000 + i + 1, c.width) }));
}

/** Dictionary-encodes fixed-width strings as a store does: codes into the distinct values in first-seen order. */
export function dictionaryColumn(column: MemoryColumn): MemoryColumn {
  const data = column.data;
  if (ArrayBuffer.isView(data) || 'codes' in data) throw new Error(`${column.name}: only fixed-width bytes can be dictionary-encoded`);
  const { width, bytes } = data;
  const rows = bytes.length / width;
  const index = new Map<string, number>();
  const codes = new Uint16Array(rows);
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    const item = bytes.subarray(r * width, (r + 1) * width);
    const key = item.join(',');
    let code = index.get(key);
    if (code === undefined) {
      if (index.size === 65535) throw new Error(`${column.name}: more than 65535 distinct values`);
      index.set(key, (code = index.size));
      values.push(...item);
    }
    codes[r] = code;
  }
  return { ...column, data: { width, codes, values: Uint8Array.from(values) } };
}
