// ag-grid's infinite datasource over api.readWindow: block rows are local to the grid window, so each read adds its offset.
import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { AppApi } from '../../shared/app-api.js';
import type { GridWindow } from './grid-window.js';
import { windowSize } from './grid-window.js';

/** One grid row: its original (global) row number and the values in column order. */
export interface GridRow {
  readonly row: number;
  readonly values: readonly unknown[];
}

export function createDatasource(
  api: AppApi,
  datasetId: string,
  currentWindow: () => GridWindow,
  columnNames: () => readonly string[],
): IDatasource {
  return {
    getRows(params: IGetRowsParams) {
      // The window is read when the block is asked for: a later move purges the cache and ag-grid drops this answer.
      const win = currentWindow();
      const count = Math.min(params.endRow, win.size) - params.startRow;
      if (count <= 0) {
        params.successCallback([], win.size);
        return;
      }
      api.readWindow(datasetId, win.offset + params.startRow, count).then(
        (w) => {
          const names = columnNames();
          const columns = names.map((n) => w.columns.find((c) => c.name === n)?.data.values);
          const rows: GridRow[] = [];
          for (let k = 0; k < w.rowCount; k++) rows.push({ row: w.firstRow + k, values: columns.map((v) => v?.[k]) });
          params.successCallback(rows, windowSize(w.totalRows, win.offset));
        },
        () => params.failCallback(),
      );
    },
  };
}
