// The seam the HDF5 writer reads through: one dataset's schema, provenance and column windows, whatever store holds them.

/** Fixed-width byte strings for a `|S<n>` column: value k is `bytes[k*width, (k+1)*width)`, NUL-padded. */
export interface FixedBytes {
  readonly width: number;
  readonly bytes: Uint8Array;
}

/** Dictionary-encoded `|S<n>` values: value k is `values[codes[k]*width, (codes[k]+1)*width)`, NUL-padded. */
export interface DictionaryBytes {
  readonly width: number;
  readonly codes: Uint16Array;
  readonly values: Uint8Array;
}

export interface ColumnSource {
  /** Base name, e.g. 'coverage'; the writer makes it a valid, unique HDF5 name. */
  readonly name: string;
  readonly rows: number;
  /** NumPy dtypes: |b1 |i1 <i2 <i4 <i8 |u1 <u2 <u4 <u8 <f4 <f8 |S<n>. */
  readonly columns: readonly { name: string; dtype: string }[];
  /** Provenance written as HDF5 attributes: source path, source size, column reasons (JSON), tool name/version. */
  readonly attributes: Record<string, string | number>;
  /**
   * Values of column `index` for rows [first, first+count): a little-endian typed array in the dtype
   * (a Uint8Array of 0/1 for |b1), or for |S<n> fixed-width bytes or dictionary codes (width ≤ n; narrower
   * values are NUL-padded). The writer copies the result before it reads the same column again, so a
   * source may reuse one buffer per column.
   */
  readColumn(index: number, first: number, count: number): ArrayBufferView | FixedBytes | DictionaryBytes;
}
