// The seam between a parser and the store: a parser pushes column batches, the store decides how to keep them.

/** Values of one column in one batch. */
export type ColumnBatch =
  /** A typed array already in the column's current dtype (little-endian), one element per row. */
  | { readonly kind: 'fixed'; readonly data: ArrayBufferView }
  /**
   * Byte strings: value k is `bytes.subarray(offsets[k], offsets[k + 1])`. The store chooses
   * dictionary encoding or a fixed-width column and grows the width as longer values arrive.
   */
  | { readonly kind: 'strings'; readonly bytes: Uint8Array; readonly offsets: Int32Array };

export interface SinkColumn {
  readonly name: string;
  /** NumPy dtype; for strings '|S<n>' where n is the declared width (fixed) or the widest value so far. */
  readonly dtype: string;
  readonly reason: string;
  /** True when the width of a string column was given by the user (a longer value is the parser's error to report). */
  readonly fixedWidth?: boolean;
}

/**
 * Where parsed rows go. Calls are synchronous: writes to tmpfs are memory copies and a
 * synchronous sink keeps the parser free of per-batch promises.
 */
export interface TableSink {
  /** Declares the columns; called before the first append, and again after reset(). */
  begin(columns: readonly SinkColumn[]): void;
  /**
   * Appends `rows` rows; every batch holds exactly `rows` values. Invisible to readers until commit().
   * The batch's arrays belong to the parser again once append() returns (it reuses them), so a sink copies what it keeps.
   */
  append(rows: number, columns: readonly ColumnBatch[]): void;
  /** Rewrites column `index` in a wider numeric dtype (int32→int64, integers→float64, float32→float64) keeping every row. */
  widen(index: number, dtype: string, reason: string): void;
  /** Changes a column's reason only. */
  describe(index: number, reason: string): void;
  /** Drops every row and column: used when a column must become a string after numbers were stored. */
  reset(): void;
  /** Publishes everything appended so far as committed (readers may now see it). */
  commit(): void;
  /** Marks the dataset complete and rewrites each .npy header with its final shape. */
  finish(): void;
  /** Rows appended so far (committed or not). */
  readonly rows: number;
}
