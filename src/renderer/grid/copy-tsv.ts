// Copying from the grid as TSV (community ag-grid has no clipboard module): the focused cell, or selected rows read back from the host.
import type { AppApi } from '../../shared/app-api.js';
import type { ColumnInfo } from '../../shared/dataset.js';
import { cellFormatter } from './format-cell.js';
import type { RowRange } from './row-selection.js';

/** Most rows one copy reads: ~100k rows of a few columns is a few MB of text, which clipboards take. */
export const COPY_ROW_LIMIT = 100_000;
const READ_CHUNK = 10_000;

/** Quotes a field the way spreadsheets read TSV: only when it holds a tab, newline or quote. */
export function tsvField(text: string): string {
  return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header line and one line per row of the given ranges (positions in the current view), read from the host in chunks. */
export async function rowsAsTsv(api: AppApi, datasetId: string, columns: readonly ColumnInfo[], ranges: readonly RowRange[]): Promise<string> {
  const formats = columns.map((c) => cellFormatter(c.dtype));
  const lines = [columns.map((c) => tsvField(c.name)).join('\t')];
  for (const range of ranges) {
    for (let first = range.first; first < range.first + range.count; first += READ_CHUNK) {
      const count = Math.min(READ_CHUNK, range.first + range.count - first);
      const w = await api.readWindow(datasetId, first, count, columns.map((c) => c.name));
      const values = columns.map((c) => w.columns.find((x) => x.name === c.name)?.data.values);
      for (let k = 0; k < w.rowCount; k++) lines.push(values.map((v, i) => tsvField(formats[i]!(v?.[k]))).join('\t'));
    }
  }
  return lines.join('\n') + '\n';
}

/** Writes text to the clipboard; falls back to a hidden textarea where the async clipboard is refused. */
export async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Not focused, no permission or an insecure context: use the old path below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'clipboard-fallback';
  const active = document.activeElement as HTMLElement | null;
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  active?.focus();
  if (!ok) throw new Error('the clipboard refused the copy');
}
