// A window of rows as it crosses the renderer↔host seam: one plain array per column, JSON-safe after encoding.

/**
 * Values of one column for the rows of a window.
 * - 'number': floats and integers that fit a double exactly (NaN/±Infinity allowed; the wire codec carries them).
 * - 'bigint': 64-bit integers as decimal strings, so no digit is lost.
 * - 'bool': booleans.
 * - 'bytes': fixed-width byte strings decoded for display (UTF-8, else Latin-1), trailing NULs removed.
 */
export type ColumnValues =
  | { readonly kind: 'number'; readonly values: number[] }
  | { readonly kind: 'bigint'; readonly values: string[] }
  | { readonly kind: 'bool'; readonly values: boolean[] }
  | { readonly kind: 'bytes'; readonly values: string[] };

export interface RowWindow {
  readonly datasetId: string;
  readonly firstRow: number;
  /** Rows actually returned (fewer than asked at the end, or past the committed watermark). */
  readonly rowCount: number;
  /** The dataset's committed row count when the window was read. */
  readonly totalRows: number;
  /** Present when the rows come through a view: its id, and the original (0-based) row of each returned row. */
  readonly viewId?: string;
  readonly rowNumbers?: readonly number[];
  readonly columns: readonly { readonly name: string; readonly dtype: string; readonly data: ColumnValues }[];
}
