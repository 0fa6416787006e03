// The compute worker's API: views (filter, sort) and column statistics over the segment store, off the host's event loop.

import type { ColumnStats, ViewSpec } from '../../shared/view.js';
import type { DatasetManifest } from '../store/manifest.js';

export interface ViewJobRequest {
  readonly dir: string;
  readonly manifest: DatasetManifest;
  readonly spec: ViewSpec;
  /** File name (in `dir`) for the row index the view writes, when it has a filter or a sort. */
  readonly indexFile: string;
  /** File name for the filter's own (ascending) rows when the view also sorts: statistics read rows in file order. */
  readonly filterFile: string;
}

export interface ViewJobProgress {
  readonly step: 'filter' | 'sort';
  readonly fraction: number;
}

export interface ViewJobResult {
  readonly rows: number;
  /** Files written (absent when the view keeps every row in order). */
  readonly indexFile?: string;
  readonly filterFile?: string;
  readonly indexBytes: number;
  readonly seconds: number;
}

export interface StatsJobRequest {
  readonly dir: string;
  readonly manifest: DatasetManifest;
  readonly columns?: readonly string[];
  readonly bins?: number;
  /** Ascending rows to summarise (a filter's file); every row when absent. */
  readonly rowsFile?: string;
}

export interface StatsJobResult {
  readonly rows: number;
  readonly columns: ColumnStats[];
  readonly seconds: number;
}
