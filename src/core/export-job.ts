// One HDF5 export, as an export worker runs it: datasets read from the store by positional reads, written by the HDF5 writer.

import { basename } from 'node:path';
import type { ExportCompression, ExportLayout } from '../shared/export-request.js';
import type { ColumnSource } from './hdf5/column-source.js';
import { exportHdf5 } from './hdf5/h5-export.js';
import { openDatasetReader, type DatasetReader } from './store/dataset-reader.js';
import type { DatasetManifest } from './store/manifest.js';
import { toolVersion } from './tool-version.js';

export interface ExportJobRequest {
  /** Dataset directories in the store, with the manifest the host saw (the rows to export). */
  readonly datasets: readonly { readonly dir: string; readonly manifest: DatasetManifest }[];
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
  readonly datasets: { name: string; rows: number; dtype: string }[];
}

/** 'coverage.txt.gz' → 'coverage': the input's base name without extensions. */
export function datasetBaseName(name: string): string {
  const base = basename(name);
  const stem = base.replace(/^(\.?[^.]*).*$/, '$1');
  return stem || base;
}

function columnSource(reader: DatasetReader): ColumnSource {
  const m = reader.manifest;
  return {
    name: datasetBaseName(m.name),
    rows: reader.rows,
    columns: m.columns.map((c) => ({ name: c.name, dtype: c.dtype })),
    attributes: {
      source_path: m.source.path,
      source_bytes: m.source.bytes,
      column_reasons: JSON.stringify(Object.fromEntries(m.columns.map((c) => [c.name, c.reason]))),
      tool: 'arrayport',
      tool_version: toolVersion(),
    },
    // Encoded and into reused buffers: the writer copies each window before reading that column again.
    readColumn: (index, first, count) => reader.readEncoded(m.columns[index]!.name, first, count),
  };
}

export async function runExportJob(req: ExportJobRequest, progress: (p: ExportJobProgress) => void, signal?: AbortSignal): Promise<ExportJobResult> {
  const readers = req.datasets.map((d) => openDatasetReader(d.dir, d.manifest));
  try {
    return await exportHdf5(readers.map(columnSource), {
      destination: req.destination,
      layout: req.layout,
      compression: req.compression.kind === 'gzip' ? { kind: 'gzip', level: req.compression.level ?? 4 } : { kind: 'none' },
      ...(req.chunkRows ? { chunkRows: req.chunkRows } : {}),
      ...(signal ? { signal } : {}),
      onProgress: progress,
    });
  } finally {
    for (const r of readers) r.close();
  }
}

/** The export worker's API; the host's pool calls are checked against its type. */
export const exportApi = {
  export: (req: ExportJobRequest, progress: (p: ExportJobProgress) => void, signal: AbortSignal): Promise<ExportJobResult> => runExportJob(req, progress, signal),
};

export type ExportApi = typeof exportApi;
