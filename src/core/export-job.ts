// One HDF5 export, as an export worker runs it: datasets read from the store by positional reads, written by the HDF5 writer.

import { basename, dirname } from 'node:path';
import type { ExportCompression, ExportLayout } from '../shared/export-request.js';
import type { ColumnSource } from './hdf5/column-source.js';
import { storeArrayTree } from './arrays/store-array-tree.js';
import type { ArrayTreeSource } from './hdf5/array-source.js';
import { exportHdf5 } from './hdf5/h5-export.js';
import { openH5FileTree } from './hdf5/h5-file-source.js';
import { CancelledError } from './load-error.js';
import { openDatasetReader, type DatasetReader } from './store/dataset-reader.js';
import type { DatasetManifest } from './store/manifest.js';
import { toolVersion } from './tool-version.js';

export interface ExportJobRequest {
  /** Dataset directories in the store, with the manifest the host saw (the rows to export). */
  readonly datasets: readonly { readonly dir: string; readonly manifest: DatasetManifest }[];
  /** HDF5 input files copied under `/<file base name>`: every dataset, or with `only` just those paths. */
  readonly h5Files?: readonly { readonly path: string; readonly only?: readonly string[] }[];
  readonly destination: string;
  readonly layout: ExportLayout;
  readonly compression: ExportCompression;
  readonly chunkRows?: number;
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

/** 'coverage.txt.gz' → 'coverage': the input's base name without extensions. */
export function datasetBaseName(name: string): string {
  const base = basename(name);
  const stem = base.replace(/^(\.?[^.]*).*$/, '$1');
  return stem || base;
}

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

function columnSource(reader: DatasetReader): ColumnSource {
  const m = reader.manifest;
  return {
    name: datasetBaseName(m.name),
    rows: reader.rows,
    columns: m.columns.map((c) => ({ name: c.name, dtype: c.dtype })),
    attributes: provenance(m),
    // Encoded and into reused buffers: the writer copies each window before reading that column again.
    readColumn: (index, first, count) => reader.readEncoded(m.columns[index]!.name, first, count),
  };
}

export async function runExportJob(req: ExportJobRequest, progress: (p: ExportJobProgress) => void, signal?: AbortSignal): Promise<ExportJobResult> {
  const warnings: string[] = [];
  const closers: (() => void)[] = [];
  try {
    const readers = req.datasets.filter((d) => !d.manifest.array).map((d) => openDatasetReader(d.dir, d.manifest));
    closers.push(...readers.map((r) => () => r.close()));
    const arrays: ArrayTreeSource[] = [];
    for (const d of req.datasets) {
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
    if (readers.length === 0 && arrays.every((a) => a.datasets.length === 0)) {
      // One line: hosts show the first line of an error.
      const shown = warnings.slice(0, 3).join('; ');
      throw new Error(`nothing could be copied${warnings.length ? ` (${warnings.length} left out): ${shown}${warnings.length > 3 ? `; and ${warnings.length - 3} more` : ''}` : ''}`);
    }
    const result = await exportHdf5(readers.map(columnSource), {
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
