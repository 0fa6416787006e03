// The export form's state, its defaults and its translation into an ExportRequest (format, whole datasets or current views).
import type { DatasetInfo } from '../../shared/dataset.js';
import type { ExportFormat, ExportLayout, ExportRequest } from '../../shared/export-request.js';
import { isWholeTable } from '../view/sort-keys.js';

export interface ExportForm {
  readonly datasetIds: readonly string[];
  readonly format: ExportFormat;
  /** Export each table's current view (filtered, sorted rows and chosen columns) instead of the whole dataset. */
  readonly views: boolean;
  readonly layout: ExportLayout;
  readonly gzip: boolean;
  readonly level: number;
  /** Empty: let the exporter choose. */
  readonly chunkRows: string;
  readonly destination: string;
}

export const FORMATS: Record<ExportFormat, { readonly title: string; readonly ext: string; readonly hint: string }> = {
  hdf5: { title: 'HDF5', ext: '.h5', hint: 'every chosen dataset in one file' },
  npy: { title: 'NumPy .npy', ext: '.npy', hint: 'one table as a structured array' },
  csv: { title: 'CSV', ext: '.csv', hint: 'one table, with a header line' },
};

/** A dataset that is one table (not an N-d array, not an HDF5 file's tree). */
export function isTable(d: DatasetInfo): boolean {
  return !d.array && !(d.format === 'hdf5' && d.tree && !d.entry);
}

/** Whether the dataset has a ready view that differs from the table as loaded. */
export function hasView(d: DatasetInfo): boolean {
  return d.view?.state === 'ready' && !isWholeTable(d.view.spec);
}

/** Why .npy and CSV cannot write the chosen datasets, or null when they can (exactly one table). */
export function singleTableProblem(chosen: readonly DatasetInfo[]): string | null {
  if (chosen.length !== 1) return tooMany(chosen.length);
  return isTable(chosen[0]!) ? null : `NumPy .npy and CSV hold one table; ${chosen[0]!.name} is not a table.`;
}

const tooMany = (n: number) => `NumPy .npy and CSV hold one table: choose exactly one table dataset (${n} chosen).`;

/** The path with the format's extension in place of a known one (or added). */
export function withExtension(path: string, format: ExportFormat): string {
  const trimmed = path.trim();
  if (!trimmed || /[\\/]$/.test(trimmed)) return path;
  return trimmed.replace(/\.(h5|hdf5|he5|npy|csv)$/i, '') + FORMATS[format].ext;
}

/** A destination beside the first dataset's source, when that is a host path. */
export function suggestDestination(datasets: readonly DatasetInfo[], format: ExportFormat = 'hdf5'): string {
  const first = datasets[0];
  if (!first || !/^(\/|[A-Za-z]:[\\/])/.test(first.sourcePath)) return '';
  const base = datasets.length === 1 ? first.name.replace(/\.[^.]+$/, '') : 'arrayport-export';
  const dir = first.sourcePath.slice(0, Math.max(first.sourcePath.lastIndexOf('/'), first.sourcePath.lastIndexOf('\\')) + 1);
  return `${dir}${base}${FORMATS[format].ext}`;
}

export function initialForm(exportable: readonly DatasetInfo[], selectedId: string | null): ExportForm {
  const chosen = exportable.filter((d) => d.id === selectedId);
  const ids = (chosen.length ? chosen : exportable).map((d) => d.id);
  return {
    datasetIds: ids, format: 'hdf5', views: chosen.some(hasView), layout: 'compound', gzip: false, level: 4, chunkRows: '',
    destination: suggestDestination(chosen.length ? chosen : exportable),
  };
}

/** The request, or the reason the form cannot be sent yet. */
export function toRequest(form: ExportForm, datasets: readonly DatasetInfo[] = []): ExportRequest | { error: string } {
  if (form.datasetIds.length === 0) return { error: 'Choose at least one dataset.' };
  const destination = form.destination.trim();
  if (!destination) return { error: 'Choose where to write the file.' };
  if (form.format !== 'hdf5') {
    // A dataset this list does not know counts as a table: the host checks again.
    const known = datasets.filter((d) => form.datasetIds.includes(d.id));
    const problem = form.datasetIds.length !== 1 ? tooMany(form.datasetIds.length) : singleTableProblem(known.length ? known : []);
    if (problem && (form.datasetIds.length !== 1 || known.length)) return { error: problem };
  }
  let chunkRows: number | undefined;
  if (form.format === 'hdf5' && form.chunkRows.trim()) {
    chunkRows = Number(form.chunkRows.replace(/[,_\s]/g, ''));
    if (!Number.isInteger(chunkRows) || chunkRows < 1) return { error: 'Chunk rows must be a whole number above 0.' };
  }
  return {
    datasetIds: form.datasetIds,
    destination,
    layout: form.layout,
    compression: form.gzip ? { kind: 'gzip', level: Math.min(9, Math.max(1, Math.round(form.level))) } : { kind: 'none' },
    chunkRows,
    format: form.format,
    ...(form.views ? { views: true } : {}),
  };
}
