// What a compute worker runs: a view (filter, then a stable sort of the kept rows) into row-index files, and statistics.

import { performance } from 'node:perf_hooks';
import { computeStats } from '../stats/column-stats.js';
import { openDatasetReader } from '../store/dataset-reader.js';
import { compileFilter } from '../view/filter-compile.js';
import { runFilter } from '../view/filter-run.js';
import { readRowIndex, writeRowIndex, type RowIndex } from '../view/row-index.js';
import { sortRows } from '../view/sort-rows.js';
import type { StatsJobRequest, StatsJobResult, ViewJobProgress, ViewJobRequest, ViewJobResult } from './compute-api.js';

export async function runViewJob(req: ViewJobRequest, progress: (p: ViewJobProgress) => void, signal?: AbortSignal): Promise<ViewJobResult> {
  const started = performance.now();
  const reader = openDatasetReader(req.dir, req.manifest);
  try {
    let rows: RowIndex | undefined;
    let indexBytes = 0;
    let filterFile: string | undefined;
    const filter = req.spec.filter?.trim();
    if (filter) {
      const compiled = compileFilter(filter, req.manifest.columns);
      rows = runFilter(reader, compiled, { ...(signal ? { signal } : {}), onProgress: (fraction) => progress({ step: 'filter', fraction }) });
    }
    const keys = req.spec.sort ?? [];
    if (keys.length > 0) {
      // Statistics read the kept rows in file order, so a sorted view keeps its filter's ascending rows too.
      if (rows) {
        indexBytes += writeRowIndex(req.dir, req.filterFile, rows);
        filterFile = req.filterFile;
      }
      rows = sortRows(reader, keys, { ...(rows ? { rows } : {}), ...(signal ? { signal } : {}), onProgress: (fraction) => progress({ step: 'sort', fraction }) });
    }
    if (!rows) return { rows: reader.rows, indexBytes: 0, seconds: (performance.now() - started) / 1000 };
    indexBytes += writeRowIndex(req.dir, req.indexFile, rows);
    return { rows: rows.length, indexFile: req.indexFile, ...(filterFile ? { filterFile } : {}), indexBytes, seconds: (performance.now() - started) / 1000 };
  } finally {
    reader.close();
  }
}

export async function runStatsJob(req: StatsJobRequest, progress: (fraction: number) => void, signal?: AbortSignal): Promise<StatsJobResult> {
  const started = performance.now();
  const reader = openDatasetReader(req.dir, req.manifest);
  try {
    const rows = req.rowsFile ? readRowIndex(req.dir, req.rowsFile) : undefined;
    const columns = computeStats(reader, {
      ...(req.columns ? { columns: req.columns } : {}),
      ...(req.bins ? { bins: req.bins } : {}),
      ...(rows ? { rows } : {}),
      ...(signal ? { signal } : {}),
      onProgress: progress,
    });
    return { rows: rows ? rows.length : reader.rows, columns, seconds: (performance.now() - started) / 1000 };
  } finally {
    reader.close();
  }
}

/** The compute worker's API; the host's pool calls are checked against its type. */
export const computeApi = {
  view: (req: ViewJobRequest, progress: (p: ViewJobProgress) => void, signal: AbortSignal): Promise<ViewJobResult> => runViewJob(req, progress, signal),
  stats: (req: StatsJobRequest, progress: (fraction: number) => void, signal: AbortSignal): Promise<StatsJobResult> => runStatsJob(req, progress, signal),
};

export type ComputeApi = typeof computeApi;
