// What the host tells every client about a dataset: schema, state, progress and errors (plain data, JSON-safe).

import type { ArrayInfo, H5TreeNode } from './array-view.js';
import type { ViewInfo } from './view.js';

/** One column as NumPy sees it, with the reason the loader chose its type. */
export interface ColumnInfo {
  readonly name: string;
  /** NumPy dtype string: '<i4', '<i8', '<f4', '<f8', '|b1', '|S10', … */
  readonly dtype: string;
  /** Why this dtype: "all 1,000,000 values are integers in int32 range", "value '3.5' at line 12", "from --dtype". */
  readonly reason: string;
  /** Present when the store keeps the column as codes + dictionary (the logical dtype is still `dtype`). */
  readonly encoding?: 'dictionary';
}

export type DatasetState = 'queued' | 'loading' | 'ready' | 'failed' | 'cancelled';

/** Where the store put a dataset: shared memory (tmpfs) or the disk temp dir, and why. */
export interface StorePlacement {
  readonly kind: 'shm' | 'disk';
  readonly dir: string;
  readonly reason: string;
}

/** A load failure that points at the input: file, 1-based line and column, and the offending text. */
export interface LoadErrorInfo {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  /** The offending text, shortened to at most ~40 characters. */
  readonly text?: string;
}

export interface LoadProgress {
  readonly bytesRead: number;
  readonly bytesTotal: number;
  readonly rows: number;
  /** Bytes per second over the load so far. */
  readonly rate: number;
  readonly elapsedSeconds: number;
}

/** Delimited-text dialect as detected (or overridden). */
export interface TextDialect {
  readonly delimiter: 'whitespace' | ',' | '\t' | ';';
  readonly header: boolean;
  readonly quote: '"' | null;
  readonly comment: '#' | null;
  readonly lineEnding: 'LF' | 'CRLF' | 'CR';
  readonly compression: 'none' | 'gzip';
  readonly bom: boolean;
  /** Lines before the first data row that were skipped (comments, blank lines, header). */
  readonly skippedLines: number;
}

export interface DatasetInfo {
  readonly id: string;
  /** Display name: the file's base name. */
  readonly name: string;
  readonly sourcePath: string;
  readonly sourceBytes: number;
  readonly format: 'text' | 'npy' | 'npz' | 'hdf5';
  readonly dialect?: TextDialect;
  readonly state: DatasetState;
  /** Rows readable now (the committed watermark); the total once ready. */
  readonly rows: number;
  readonly columns: readonly ColumnInfo[];
  readonly placement?: StorePlacement;
  /** Bytes the dataset occupies in the store now. */
  readonly storeBytes: number;
  readonly progress?: LoadProgress;
  readonly error?: LoadErrorInfo;
  /** Present when the dataset is an N-d array: the window shows slices of it (readSlice, readLevelOfDetail). */
  readonly array?: ArrayInfo;
  /** Present for an opened HDF5 file: its groups and datasets; openEntry opens one of them as a dataset of its own. */
  readonly tree?: H5TreeNode;
  /** Present for a dataset opened from a file entry (an HDF5 dataset, an .npz member): the file and the entry's path. */
  readonly entry?: { readonly fileId?: string; readonly path: string };
  /** The table's current view (filter, sort, columns), when one was set. */
  readonly view?: ViewInfo;
  /** Whether the statistics of the whole dataset are ready (they are computed as the load ends). */
  readonly stats?: 'computing' | 'ready' | 'failed';
}

/** Formats a load error the way the CLI prints it: `FILE:LINE:COL: message: 'text'`. */
export function formatLoadError(e: LoadErrorInfo): string {
  const where = [e.file, e.line, e.line !== undefined ? e.column : undefined].filter((x) => x !== undefined).join(':');
  return `${where}: ${e.message}${e.text !== undefined ? `: '${e.text}'` : ''}`;
}
