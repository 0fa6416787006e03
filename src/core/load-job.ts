// One load, as a loader worker runs it: sniff the file, parse it into the dataset directory, publish progress and the watermark.

import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { LoadProgress } from '../shared/dataset.js';
import { sniffFormat, type SniffedFormat } from './format-sniff.js';
import { CancelledError, LoadError, storeSpaceError } from './load-error.js';
import { DatasetWriter } from './store/dataset-writer.js';
import type { LoadRequest, LoadResult } from './load-request.js';
import { loadTextFile } from './text/text-loader.js';

/** Progress at most this often (the text loader commits the watermark itself, block by block). */
const REPORT_INTERVAL_MS = 100;

export async function runLoadJob(req: LoadRequest, report: (p: LoadProgress) => void, signal?: AbortSignal): Promise<LoadResult> {
  const format = sniffFormat(req.path);
  if (format === 'npy' || format === 'zip') {
    // Imported when a NumPy file comes: its zip reader pulls in fflate, which cost ~30 ms of every loader's start
    // (of 85 ms of imports), and a loader that starts for a text file is what the first rows wait for.
    const { runNpyJob } = await import('./npy/npy-job.js');
    return runNpyJob(req, format, report, REPORT_INTERVAL_MS, signal).catch((e: unknown) => Promise.reject(storeSpaceError(e, req.path, req.datasetDir)));
  }
  const writer = new DatasetWriter(req.datasetDir);
  const started = performance.now();
  let lastReport = -Infinity;
  let reportedRows = 0;
  const progress = (bytesRead: number, bytesTotal: number): LoadProgress => {
    const elapsedSeconds = (performance.now() - started) / 1000;
    return { bytesRead, bytesTotal, rows: writer.committedRows, rate: elapsedSeconds > 0 ? bytesRead / elapsedSeconds : 0, elapsedSeconds };
  };
  try {
    refuseUnsupported(req.path, format);
    const result = await loadTextFile(req.path, writer, {
      ...(req.dtype ? { dtype: req.dtype } : {}),
      ...(signal ? { signal } : {}),
      onProgress: (p) => {
        const now = performance.now();
        // The first rows are reported at once: the window is waiting for them (it has the columns already).
        const firstRows = reportedRows === 0 && writer.committedRows > 0;
        if (now - lastReport < REPORT_INTERVAL_MS && !firstRows) return;
        lastReport = now;
        reportedRows = writer.committedRows;
        report(progress(p.bytesRead, p.bytesTotal));
      },
    });
    writer.setDialect(result.dialect);
    const size = statSync(req.path).size;
    report(progress(size, size));
    return { rows: writer.rows, format: 'text', dialect: result.dialect };
  } catch (caught) {
    const e = storeSpaceError(caught, req.path, req.datasetDir);
    if (e instanceof CancelledError) writer.close();
    else writer.fail(e instanceof LoadError ? e.info : { file: req.path, message: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

/** Formats the text loader must not try get a clear message instead of a parse error on binary bytes. */
function refuseUnsupported(path: string, format: SniffedFormat): void {
  const why: Partial<Record<SniffedFormat, string>> = {
    hdf5: 'this is an HDF5 file; it is opened by an HDF5 reader, not loaded as text',
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
