// Views of a table (filter, sort, chosen columns) and column statistics, as they cross the renderer↔host seam.

/** One sort key; NaN sorts last in both directions (like pandas' na_position='last'), equal keys keep row order. */
export interface SortKey {
  readonly column: string;
  readonly descending?: boolean;
}

/**
 * What the user asked to see of a table. Every part is optional and they compose: the filter keeps
 * rows, the sort orders the kept rows (stable), `columns` chooses and orders the columns shown and exported.
 */
export interface ViewSpec {
  /** A filter expression: `pct > 50 and chr == "chr1"`, `c + t >= 10`, `isnan(x)`. */
  readonly filter?: string;
  readonly sort?: readonly SortKey[];
  readonly columns?: readonly string[];
}

export type ViewState = 'computing' | 'ready' | 'failed' | 'cancelled';

/** The current view of a dataset; the grid, statistics and export follow it once it is ready. */
export interface ViewInfo {
  /** Changes whenever the spec changes, so a window read under an older view can be recognised. */
  readonly id: string;
  readonly spec: ViewSpec;
  readonly state: ViewState;
  /** Rows the view shows (matching the filter); the dataset's rows when there is no filter. */
  readonly rows: number;
  /** While computing: the step and how far it got (0–1). */
  readonly progress?: { readonly step: 'filter' | 'sort'; readonly fraction: number };
  readonly error?: string;
  /** Store bytes the view's row index takes (4 bytes per row below 2^32 rows). */
  readonly indexBytes: number;
}

/** Equal-width bins like `np.histogram(x[np.isfinite(x)], bins, range=(min, max))` (±inf left out): `edges` has bins + 1 entries. */
export interface Histogram {
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

/** Summary of one column over a dataset or its current view; numbers are JSON-safe (int64 extremes as decimal strings). */
export interface ColumnStats {
  readonly name: string;
  readonly dtype: string;
  /** Rows counted (the view's rows). */
  readonly count: number;
  /** NaN values (float columns) or empty strings (string columns). */
  readonly missing: number;
  /**
   * Over non-missing values; decimal strings for 64-bit integers so no digit is lost; absent for strings or when every
   * value is missing. May be ±Infinity (the wire codec carries it; plain JSON does not).
   */
  readonly min?: number | string;
  readonly max?: number | string;
  /** Mean and population standard deviation (ddof = 0) over non-missing numeric values; ±Infinity or NaN when ±inf occur, as NumPy. */
  readonly mean?: number;
  readonly std?: number;
  /** Number of distinct non-missing values; `exact` is false when it is a HyperLogLog estimate. */
  readonly distinct?: { readonly value: number; readonly exact: boolean };
  /** Most frequent values, most frequent first (strings; and any column with few distinct values). */
  readonly top?: readonly { readonly value: string; readonly count: number }[];
  readonly histogram?: Histogram;
}

export interface StatsRequest {
  /** Columns to summarise; all when omitted. */
  readonly columns?: readonly string[];
  /** Histogram bins (default 50, at most 1000). */
  readonly bins?: number;
}

export interface DatasetStats {
  readonly datasetId: string;
  /** The view the statistics describe; absent for the whole dataset. */
  readonly viewId?: string;
  readonly rows: number;
  readonly columns: readonly ColumnStats[];
  /** Seconds the worker spent. */
  readonly seconds: number;
}
