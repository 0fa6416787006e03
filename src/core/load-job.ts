// One load, as a loader worker runs it: sniff the file, parse it into the dataset directory, publish progress and the watermark.

import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { LoadProgress, TextDialect } from '../shared/dataset.js';
import { sniffFormat } from './format-sniff.js';
import { CancelledError, LoadError } from './load-error.js';
import { DatasetWriter } from './store/dataset-writer.js';
import { loadTextFile } from './text/text-loader.js';

export interface LoadRequest {
  /** The file as the user named it (messages use it). */
  readonly path: string;
  /** The dataset directory the host's store created. */
  readonly datasetDir: string;
  readonly dtype?: string;
}

export interface LoadResult {
  readonly rows: number;
  readonly dialect: TextDialect;
}

/** Progress at most this often (the text loader commits the watermark itself, block by block). */
const REPORT_INTERVAL_MS = 100;

export async function runLoadJob(req: LoadRequest, report: (p: LoadProgress) => void, signal?: AbortSignal): Promise<LoadResult> {
  const writer = new DatasetWriter(req.datasetDir);
  const started = performance.now();
  let lastReport = -Infinity;
  const progress = (bytesRead: number, bytesTotal: number): LoadProgress => {
    const elapsedSeconds = (performance.now() - started) / 1000;
    return { bytesRead, bytesTotal, rows: writer.committedRows, rate: elapsedSeconds > 0 ? bytesRead / elapsedSeconds : 0, elapsedSeconds };
  };
  try {
    refuseUnsupported(req.path);
    const result = await loadTextFile(req.path, writer, {
      ...(req.dtype ? { dtype: req.dtype } : {}),
      ...(signal ? { signal } : {}),
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastReport < REPORT_INTERVAL_MS) return;
        lastReport = now;
        report(progress(p.bytesRead, p.bytesTotal));
      },
    });
    writer.setDialect(result.dialect);
    const size = statSync(req.path).size;
    report(progress(size, size));
    return { rows: writer.rows, dialect: result.dialect };
  } catch (e) {
    if (e instanceof CancelledError) writer.close();
    else writer.fail(e instanceof LoadError ? e.info : { file: req.path, message: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

/** Formats that a later release opens get a clear message now instead of a parse error on binary bytes. */
function refuseUnsupported(path: string): void {
  const format = sniffFormat(path);
  const why: Partial<Record<typeof format, string>> = {
    npy: 'this is a NumPy .npy file; .npy input is not supported yet',
    zip: 'this is a zip archive (.npz?); .npz input is not supported yet',
    hdf5: 'this is an HDF5 file; HDF5 input is not supported yet',
    netcdf3: 'this is a classic netCDF-3 file, which is not HDF5 and not text',
    empty: 'the file is empty',
  };
  const message = why[format];
  if (message) throw new LoadError({ file: path, message });
}

/** The loader worker's API; the host's pool calls are checked against its type. */
export const loaderApi = {
  load: (req: LoadRequest, progress: (p: LoadProgress) => void, signal: AbortSignal): Promise<LoadResult> => runLoadJob(req, progress, signal),
};

export type LoaderApi = typeof loaderApi;
