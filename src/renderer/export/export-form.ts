// The export form's state, its defaults and its translation into an ExportRequest.
import type { DatasetInfo } from '../../shared/dataset.js';
import type { ExportLayout, ExportRequest } from '../../shared/export-request.js';

export interface ExportForm {
  readonly datasetIds: readonly string[];
  readonly layout: ExportLayout;
  readonly gzip: boolean;
  readonly level: number;
  /** Empty: let the exporter choose. */
  readonly chunkRows: string;
  readonly destination: string;
}

/** A destination beside the first dataset's source, when that is a host path. */
export function suggestDestination(datasets: readonly DatasetInfo[]): string {
  const first = datasets[0];
  if (!first || !/^(\/|[A-Za-z]:[\\/])/.test(first.sourcePath)) return '';
  const base = datasets.length === 1 ? first.name.replace(/\.[^.]+$/, '') : 'arrayport-export';
  const dir = first.sourcePath.slice(0, Math.max(first.sourcePath.lastIndexOf('/'), first.sourcePath.lastIndexOf('\\')) + 1);
  return `${dir}${base}.h5`;
}

export function initialForm(exportable: readonly DatasetInfo[], selectedId: string | null): ExportForm {
  const chosen = exportable.filter((d) => d.id === selectedId);
  const ids = (chosen.length ? chosen : exportable).map((d) => d.id);
  return { datasetIds: ids, layout: 'compound', gzip: false, level: 4, chunkRows: '', destination: suggestDestination(chosen.length ? chosen : exportable) };
}

/** The request, or the reason the form cannot be sent yet. */
export function toRequest(form: ExportForm): ExportRequest | { error: string } {
  if (form.datasetIds.length === 0) return { error: 'Choose at least one dataset.' };
  const destination = form.destination.trim();
  if (!destination) return { error: 'Choose where to write the file.' };
  let chunkRows: number | undefined;
  if (form.chunkRows.trim()) {
    chunkRows = Number(form.chunkRows.replace(/[,_\s]/g, ''));
    if (!Number.isInteger(chunkRows) || chunkRows < 1) return { error: 'Chunk rows must be a whole number above 0.' };
  }
  return {
    datasetIds: form.datasetIds,
    destination,
    layout: form.layout,
    compression: form.gzip ? { kind: 'gzip', level: Math.min(9, Math.max(1, Math.round(form.level))) } : { kind: 'none' },
    chunkRows,
  };
}
