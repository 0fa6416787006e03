// AppApi: the whole seam between the window and its host (Electron IPC, the browser host's WebSocket, or a mock).

import type { ArraySlice, LevelOfDetail, LodRequest, SliceRequest } from './array-view.js';
import type { DatasetInfo } from './dataset.js';
import type { ExportRequest, ExportStatus } from './export-request.js';
import type { AdmissionEstimate, MemorySample } from './memory.js';
import type { RowWindow } from './row-window.js';
import type { DatasetStats, StatsRequest, ViewInfo, ViewSpec } from './view.js';

export type Unsubscribe = () => void;

/** A file the user dropped or picked; structurally a DOM `File`, so adapters can stream or resolve it. */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
}

export interface LoadOptions {
  /** A NumPy dtype spec that overrides inference, e.g. `chr:S10,pos:i4`. */
  readonly dtype?: string;
}

/** What the host can do beyond the common calls. */
export interface HostCapabilities {
  readonly kind: 'electron' | 'browser' | 'mock';
  /** Native open/save dialogs exist (Electron). */
  readonly nativeDialogs: boolean;
  /** Paths typed by the user refer to the host's filesystem (browser host, Electron). */
  readonly hostPaths: boolean;
  readonly version: string;
}

/**
 * Every call the renderer may make. Channel names on every transport are these keys,
 * so renaming a member makes the compiler point at every adapter.
 */
export interface AppApi {
  /** What this host supports. */
  capabilities(): Promise<HostCapabilities>;
  /** Opens files already on the host's filesystem; resolves with the new dataset ids (loads continue in the background). */
  openPaths(paths: readonly string[], options?: LoadOptions): Promise<string[]>;
  /** Opens files the user dropped into the window (Electron resolves their paths; the browser host streams them). */
  openDropped(files: readonly DroppedFile[], options?: LoadOptions): Promise<string[]>;
  /** Shows the native Open dialog where there is one and opens what was chosen; [] when cancelled or unavailable. */
  pickAndOpen(options?: LoadOptions): Promise<string[]>;
  /** Estimates the store bytes the given paths will take against free shared memory. */
  estimate(paths: readonly string[]): Promise<AdmissionEstimate>;
  /** The current dataset list. */
  listDatasets(): Promise<DatasetInfo[]>;
  /** Called with the whole list whenever any dataset changes (state, progress, rows). */
  onDatasets(listener: (datasets: DatasetInfo[]) => void): Unsubscribe;
  /**
   * Reads rows [firstRow, firstRow + rowCount) of the named columns (all when omitted), never past the watermark.
   * Positions count rows of the dataset's current view when it has a ready one (the window then carries the
   * view's id and each row's original row number); of the whole dataset otherwise.
   */
  readWindow(datasetId: string, firstRow: number, rowCount: number, columns?: readonly string[]): Promise<RowWindow>;
  /**
   * Rows [0, rowCount) of a table with every column, as soon as it has any: while it loads without rows the answer
   * waits for them. A window asks right after opening a file, so the first rows travel while it lays out the table.
   * Rejects for N-d arrays, HDF5 files (not their tables) and datasets that fail, are cancelled or close first.
   */
  firstWindow(datasetId: string, rowCount: number): Promise<RowWindow>;
  /**
   * Reads a window of a 2-D (or 1-D) slice of an N-d array dataset (one with `array` on its info): the
   * displayed dimensions are `rowDim`/`colDim`, every other dimension sits at its index in `indices`.
   * At most 100,000 values per call; only the values in the window are read from the store or the file.
   */
  readSlice(datasetId: string, request: SliceRequest): Promise<ArraySlice>;
  /**
   * Minimum and maximum per bin of a whole 2-D numeric slice, for a heatmap: at most 1024 × 1024 bins, read
   * from a regular sample, so the cost follows the bins and not the slice's size.
   */
  readLevelOfDetail(datasetId: string, request: LodRequest): Promise<LevelOfDetail>;
  /**
   * Opens a dataset of an opened HDF5 file (`fileId` is the file's dataset id, `path` a dataset in its `tree`)
   * as a dataset of its own, read lazily from the file; resolves with its id (the same id when already open).
   */
  openEntry(fileId: string, path: string): Promise<string>;
  /**
   * Replaces the dataset's current view (filter, sort, columns; an empty spec shows the whole table). The work runs in a
   * worker process with progress on the dataset's `view`; resolves with the view once ready, rejects with a one-line
   * message for a bad expression or unknown column (before any work starts) and when cancelled or replaced.
   */
  setView(datasetId: string, spec: ViewSpec): Promise<ViewInfo>;
  /** Stops computing the dataset's view; the previous view stays. */
  cancelView(datasetId: string): Promise<void>;
  /**
   * Statistics and histograms of columns over the dataset's current view (the whole dataset when it has none),
   * computed in a worker process over the store; a dataset's own statistics are computed as its load ends.
   */
  columnStats(datasetId: string, request?: StatsRequest): Promise<DatasetStats>;
  /** Stops a running load and frees its segments. */
  cancel(datasetId: string): Promise<void>;
  /** Closes a dataset; its segments go once no reader holds them. */
  close(datasetId: string): Promise<void>;
  /** Called about once a second with the memory picture. */
  onMemory(listener: (sample: MemorySample) => void): Unsubscribe;
  /** Shows the native Save dialog where there is one; null when cancelled or unavailable. */
  pickSavePath(suggestedName: string): Promise<string | null>;
  /** Starts an export (HDF5, or .npy / CSV of one table); resolves with its job id. */
  startExport(request: ExportRequest): Promise<string>;
  /** Called with every export's status as it changes. */
  onExport(listener: (status: ExportStatus) => void): Unsubscribe;
  cancelExport(jobId: string): Promise<void>;
}

/** The request/response members of AppApi (the ones a transport forwards as calls). */
export type AppApiCall = Exclude<keyof AppApi, 'onDatasets' | 'onMemory' | 'onExport' | 'openDropped'>;

/** The event members of AppApi and the payload each carries. */
export interface AppApiEvents {
  datasets: DatasetInfo[];
  memory: MemorySample;
  export: ExportStatus;
}

/**
 * The part of AppApi a host implements once over the store and the worker pool
 * (core's AppService); each host adapter adds the members that depend on it
 * (dialogs, how dropped files arrive, capabilities).
 */
export type HostService = Omit<AppApi, 'capabilities' | 'openDropped' | 'pickAndOpen' | 'pickSavePath'>;
