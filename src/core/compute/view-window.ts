// A window of a table read through its view: positions are view rows, values are gathered from the original rows.

import type { RowWindow } from '../../shared/row-window.js';
import type { ViewInfo } from '../../shared/view.js';
import { readWindow, toRowWindow, type ColumnData, type DatasetReader } from '../store/dataset-reader.js';
import { gatherFixed } from '../store/fixed-bytes.js';
import { gatherColumn } from '../view/gather.js';
import { openRowIndex } from '../view/row-index.js';

const WINDOW_SLAB_BYTES = 4096;

export function readViewWindow(
  reader: DatasetReader,
  datasetId: string,
  view: { readonly info: ViewInfo; readonly indexFile?: string },
  firstRow: number,
  rowCount: number,
  columns?: readonly string[],
): RowWindow {
  const names = columns ?? view.info.spec.columns ?? reader.manifest.columns.map((c) => c.name);
  if (!view.indexFile) {
    // Every row in order: the view only chooses columns.
    const w = toRowWindow(datasetId, readWindow(reader, firstRow, rowCount, names));
    return { ...w, viewId: view.info.id, rowNumbers: Array.from({ length: w.rowCount }, (_, i) => w.firstRow + i) };
  }
  const index = openRowIndex(reader.dir, view.indexFile);
  try {
    const start = Math.max(0, Math.min(firstRow, index.length));
    const rows = index.read(start, rowCount);
    const data = names.map((name) => {
      const c = reader.manifest.columns.find((x) => x.name === name);
      if (!c) throw new Error(`dataset ${datasetId} has no column '${name}'`);
      // Small slabs: a window's rows may lie anywhere in a sorted view, and each costs one read of a few KB.
      const data = gatherColumn(reader, name, rows, WINDOW_SLAB_BYTES);
      if (!('codes' in data)) return { name, dtype: c.dtype, data };
      const bytes = new Uint8Array(data.codes.length * data.width);
      gatherFixed(data.values, data.width, data.codes, data.codes.length, bytes);
      return { name, dtype: c.dtype, data: { width: data.width, bytes } as ColumnData };
    });
    const w = toRowWindow(datasetId, { firstRow: start, rowCount: rows.length, totalRows: index.length, columns: data });
    return { ...w, viewId: view.info.id, rowNumbers: Array.from(rows) };
  } finally {
    index.close();
  }
}
