// One export, as an export worker runs it: datasets (or their views) read from the store by positional reads, written as HDF5, .npy or CSV.

import { datasetBaseName } from './dataset-name.js';
import { dirname } from 'node:path';
import type { ExportCompression, ExportFormat, ExportLayout } from '../shared/export-request.js';
import { storeArrayTree } from './arrays/store-array-tree.js';
import { exportCsv } from './export/csv-writer.js';
import { exportNpy } from './export/npy-writer.js';
import { viewColumnSource, type TableView, type ViewColumnSource } from './export/view-source.js';
import type { ArrayTreeSource } from './hdf5/array-source.js';
import { exportHdf5 } from './hdf5/h5-export.js';
import type { ColumnSource } from './hdf5/column-source.js';
import type { GrowingSource } from './hdf5/growing-source.js';
import { followTable, manifestWhen } from './export/loading-table.js';
import { openH5FileTree } from './hdf5/h5-file-source.js';
import { CancelledError } from './load-error.js';
import { openDatasetReader, type DatasetReader } from './store/dataset-reader.js';
import type { DatasetManifest } from './store/manifest.js';
import { toolVersion } from './tool-version.js';

/** What of a table to export: its view's row index (in the dataset's directory), chosen columns, and how the view was made. */
export type ExportJobView = TableView;

export interface ExportJobDataset {
  readonly dir: string;
  /** The manifest the host saw (the rows to export). */
  readonly manifest: DatasetManifest;
  /** Export this view of the table instead of all of it; ignored for arrays. */
  readonly view?: ExportJobView;
  /**
   * The load is still running: the job follows the manifest in `dir`. A whole uncompressed table is written as
   * its rows are committed; anything else waits for the load to end. A load that fails fails the export.
   */
  readonly loading?: boolean;
}

export interface ExportJobRequest {
  /** Dataset directories in the store. */
  readonly datasets: readonly ExportJobDataset[];
  /** HDF5 input files copied under `/<file base name>`: every dataset, or with `only` just those paths. */
  readonly h5Files?: readonly { readonly path: string; readonly only?: readonly string[] }[];
  readonly destination: string;
  readonly layout: ExportLayout;
  readonly compression: ExportCompression;
  readonly chunkRows?: number;
  /** 'hdf5' (default) writes everything; 'npy' and 'csv' write exactly one table (layout and compression do not apply). */
  readonly format?: ExportFormat;
}

export interface ExportJobProgress {
  readonly bytesWritten: number;
  readonly bytesTotal: number;
}

export interface ExportJobResult {
  readonly fileBytes: number;
  readonly datasets: { name: string; rows: number; dtype: string; shape?: number[] }[];
  /** One line per dataset or attribute of an HDF5 input that was left out, and why. */
  readonly warnings: string[];
}

export { datasetBaseName };

function provenance(m: DatasetManifest): Record<string, string | number> {
  return {
    source_path: m.source.path,
    source_bytes: m.source.bytes,
    ...(m.source.member !== undefined ? { source_member: m.source.member } : {}),
    column_reasons: JSON.stringify(Object.fromEntries(m.columns.map((c) => [c.name, c.reason]))),
    tool: 'arrayport',
    tool_version: toolVersion(),
  };
}

/** An .npz member is named after the member ('carex/data' → 'data'), a lone .npy after its file. */
function arrayName(m: DatasetManifest): string {
  return m.source.member !== undefined ? datasetBaseName(m.source.member) : datasetBaseName(m.name);
}

/** The table's columns (or its view's) as the writers read them; provenance lists the columns written and how the rows were chosen. */
function tableSource(reader: DatasetReader, view: ExportJobView | undefined): ViewColumnSource {
  const m = reader.manifest;
  const base = provenance(m);
  const source = viewColumnSource(reader, { name: datasetBaseName(m.name), attributes: base, ...(view ? { view } : {}) });
  if (!view) return source;
  const reasons = new Map(m.columns.map((c) => [c.name, c.reason]));
  const attributes = {
    ...base,
    column_reasons: JSON.stringify(Object.fromEntries(source.columns.map((c) => [c.name, reasons.get(c.name)]))),
    // Says the rows are a view (kept rows in view order), not the table as loaded.
    row_selection: 'view',
    source_rows: reader.rows,
    ...(view.description !== undefined ? { view: view.description } : {}),
  };
  return { ...source, attributes };
}

export async function runExportJob(req: ExportJobRequest, progress: (p: ExportJobProgress) => void, signal?: AbortSignal): Promise<ExportJobResult> {
  const warnings: string[] = [];
  const closers: (() => void)[] = [];
  try {
    const format = req.format ?? 'hdf5';
    const datasets = await settled(req.datasets, format, signal);
    if (format !== 'hdf5') return await exportOneTable({ ...req, datasets }, format, progress, signal, closers);
    const sources = datasets
      .filter((d) => !d.manifest.array)
      .map((d): ColumnSource | GrowingSource => {
        if (d.loading) {
          // One reader moved along the commits: its descriptors and buffers serve every snapshot.
          let reader: DatasetReader | undefined;
          closers.push(() => reader?.close());
          const table = followTable(d.dir, d.manifest, datasetBaseName(d.manifest.name), (m) => {
            if (reader) reader.update(m);
            else reader = openDatasetReader(d.dir, m);
            return tableSource(reader, undefined);
          }, signal);
          closers.push(() => table.close());
          return table;
        }
        const reader = openDatasetReader(d.dir, d.manifest);
        closers.push(() => reader.close());
        const source = tableSource(reader, d.view);
        closers.push(source.close);
        return source;
      });
    const arrays: ArrayTreeSource[] = [];
    for (const d of datasets) {
      if (!d.manifest.array) continue;
      const tree = storeArrayTree(d.dir, d.manifest, arrayName(d.manifest), provenance(d.manifest));
      closers.push(tree.close);
      arrays.push(tree);
    }
    for (const f of req.h5Files ?? []) {
      const opened = await openH5FileTree(f.path, datasetBaseName(f.path), (line) => warnings.push(line), f.only);
      closers.push(opened.close);
      arrays.push(opened.tree);
    }
    if (sources.length === 0 && arrays.every((a) => a.datasets.length === 0)) {
      // One line: hosts show the first line of an error.
      const shown = warnings.slice(0, 3).join('; ');
      throw new Error(`nothing could be copied${warnings.length ? ` (${warnings.length} left out): ${shown}${warnings.length > 3 ? `; and ${warnings.length - 3} more` : ''}` : ''}`);
    }
    const result = await exportHdf5(sources, {
      destination: req.destination,
      layout: req.layout,
      compression: req.compression.kind === 'gzip' ? { kind: 'gzip', level: req.compression.level ?? 4 } : { kind: 'none' },
      ...(req.chunkRows ? { chunkRows: req.chunkRows } : {}),
      ...(signal ? { signal } : {}),
      onProgress: progress,
      arrays,
    });
    return { ...result, warnings };
  } catch (e) {
    throw oneLineFailure(e, req.destination);
  } finally {
    // Newest first: an HDF5 input stays open until its datasets are written.
    for (const close of closers.reverse()) close();
  }
}

/**
 * Waits for what cannot be written while it loads: every load for .npy or CSV, a view, an array. A whole table
 * for HDF5 stays `loading` once its first commit shows it is a table: the HDF5 writer follows it.
 */
async function settled(datasets: readonly ExportJobDataset[], format: ExportFormat, signal: AbortSignal | undefined): Promise<ExportJobDataset[]> {
  const out: ExportJobDataset[] = [];
  for (const d of datasets) {
    if (!d.loading) {
      out.push(d);
      continue;
    }
    const known = await manifestWhen(d.dir, d.manifest, (m) => m.array !== undefined || m.columns.length > 0, signal);
    if (format === 'hdf5' && !d.view && !known.array && known.state !== 'ready') {
      out.push({ ...d, manifest: known });
      continue;
    }
    const { loading: _loading, ...whole } = d;
    out.push({ ...whole, manifest: known.state === 'ready' ? known : await manifestWhen(d.dir, known, () => false, signal) });
  }
  return out;
}

/** .npy and CSV hold one table: anything else is refused in one line before a file exists. */
async function exportOneTable(
  req: ExportJobRequest,
  format: ExportFormat,
  progress: (p: ExportJobProgress) => void,
  signal: AbortSignal | undefined,
  closers: (() => void)[],
): Promise<ExportJobResult> {
  if (format !== 'npy' && format !== 'csv') throw new Error(`unknown export format '${String(format)}'`);
  const label = format === 'npy' ? 'a .npy export' : 'a CSV export';
  const tables = req.datasets.filter((d) => !d.manifest.array);
  const others = req.datasets.length - tables.length + (req.h5Files?.length ?? 0);
  if (tables.length !== 1 || others > 0) {
    const what = [`${tables.length} table${tables.length === 1 ? '' : 's'}`, ...(others ? [`${others} array${others === 1 ? '' : 's'} or HDF5 file${others === 1 ? '' : 's'}`] : [])];
    throw new Error(`${label} writes exactly one table; ${what.join(' and ')} chosen`);
  }
  const d = tables[0]!;
  const reader = openDatasetReader(d.dir, d.manifest);
  closers.push(() => reader.close());
  const source = tableSource(reader, d.view);
  closers.push(source.close);
  const options = { destination: req.destination, onProgress: progress, ...(signal ? { signal } : {}) };
  const result = format === 'npy' ? await exportNpy(source, options) : await exportCsv(source, options);
  return { ...result, warnings: [] };
}

/** h5wasm reports I/O failures as a many-line HDF5-DIAG dump; the user needs one line, and a full disk said plainly. */
function oneLineFailure(e: unknown, destination: string): unknown {
  if (!(e instanceof Error) || e instanceof CancelledError) return e;
  if (/no space left on device|ENOSPC/i.test(e.message)) return new Error(`no space left on device: the filesystem of ${dirname(destination)} is full`);
  if (!e.message.includes('HDF5-DIAG')) return e;
  const details = [...e.message.matchAll(/error message = '([^']*)'/g)].map((m) => m[1]);
  return new Error(`writing HDF5 failed: ${details.at(-1) ?? e.message.split('\n')[0]}`);
}

/** The export worker's API; the host's pool calls are checked against its type. */
export const exportApi = {
  export: (req: ExportJobRequest, progress: (p: ExportJobProgress) => void, signal: AbortSignal): Promise<ExportJobResult> => runExportJob(req, progress, signal),
};

export type ExportApi = typeof exportApi;
