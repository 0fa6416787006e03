// What the user asks of an HDF5 export and what the host reports back while it runs.

export type ExportLayout = 'compound' | 'columns';

/** 'hdf5' writes every chosen dataset; 'npy' (a structured array) and 'csv' write exactly one table. */
export type ExportFormat = 'hdf5' | 'npy' | 'csv';

export interface ExportCompression {
  readonly kind: 'none' | 'gzip';
  /** 1–9 for gzip. */
  readonly level?: number;
}

export interface ExportRequest {
  readonly datasetIds: readonly string[];
  /** Absolute path on the host's filesystem. */
  readonly destination: string;
  readonly layout: ExportLayout;
  readonly compression: ExportCompression;
  /** Rows per HDF5 chunk; the exporter picks a default when absent. */
  readonly chunkRows?: number;
  /** Defaults to 'hdf5'. */
  readonly format?: ExportFormat;
  /** Export each table as its current view (kept rows in view order, chosen columns) instead of whole. */
  readonly views?: boolean;
}

export type ExportState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ExportStatus {
  readonly jobId: string;
  readonly state: ExportState;
  readonly destination: string;
  readonly bytesWritten: number;
  readonly bytesTotal: number;
  readonly rate: number;
  readonly etaSeconds?: number;
  readonly elapsedSeconds: number;
  /** Size of the finished file. */
  readonly fileBytes?: number;
  readonly error?: string;
  /** Browser host only: a URL (with token) that downloads the finished file. */
  readonly downloadUrl?: string;
  /** When done: one line per dataset or attribute of an HDF5 input that was left out, and why. */
  readonly warnings?: readonly string[];
}
