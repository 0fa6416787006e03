// ag-grid's infinite datasource over api.readWindow: block rows are local to the grid window, so each read adds its offset.
import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { AppApi } from '../../shared/app-api.js';
import type { RowWindow } from '../../shared/row-window.js';
import type { GridWindow } from './grid-window.js';
import { windowSize } from './grid-window.js';
import { firstWindowOr } from './first-window.js';

/** One grid row: its position in the view, its original row number and its values by column name. */
export interface GridRow {
  readonly pos: number;
  readonly row: number;
  readonly cells: ReadonlyMap<string, unknown>;
}

/** What the grid shows now: the columns it reads and the view whose windows it accepts. */
export interface GridSource {
  readonly columns: readonly string[];
  /** The shown view's id; undefined for the table as loaded. */
  readonly viewId: string | undefined;
  /** Whether windows without a view id belong too (no view, or a view that keeps the whole table). */
  readonly plainOk: boolean;
  /** Rows of the shown view; the grid's row count then follows it rather than each window's. */
  readonly viewRows?: number;
  /** The table is loading and has no rows yet: a request for rows waits for them (see releaseHeld). */
  readonly waitForRows?: boolean;
}

export interface GridDatasource extends IDatasource {
  /**
   * The table has its first rows: answers the request held while it had none. Answered with its rows and their
   * count, ag-grid sets its row count and draws the rows in one pass, where setRowCount and then a refresh took
   * two more (~85 ms and ~100 ms on the test machine) before the first rows. True as well when the grid has not
   * asked yet (its first request will find the rows); false when it was answered without rows and must refresh.
   */
  releaseHeld(): boolean;
}

/** Whether a window was read under the view the grid shows (others are discarded). */
export function windowBelongs(w: RowWindow, source: GridSource): boolean {
  return w.viewId === undefined ? source.plainOk : w.viewId === source.viewId;
}

export function createDatasource(
  api: AppApi,
  datasetId: string,
  currentWindow: () => GridWindow,
  currentSource: () => GridSource,
): GridDatasource {
  let held: IGetRowsParams | null = null;
  let asked = false;
  return {
    releaseHeld() {
      const params = held;
      held = null;
      if (!params) return !asked;
      this.getRows(params);
      return true;
    },
    getRows(params: IGetRowsParams) {
      asked = true;
      // The window is read when the block is asked for: a later move purges the cache and ag-grid drops this answer.
      const win = currentWindow();
      const source = currentSource();
      const count = Math.min(params.endRow, win.size) - params.startRow;
      if (count <= 0) {
        if (source.waitForRows) held = params;
        else params.successCallback([], win.size);
        return;
      }
      const first = win.offset + params.startRow;
      const deliver = (w: RowWindow): void => {
        if (!windowBelongs(w, source)) {
          params.failCallback();
          return;
        }
        const columns = source.columns.map((n) => [n, w.columns.find((c) => c.name === n)?.data.values] as const);
        const rows: GridRow[] = [];
        for (let k = 0; k < w.rowCount; k++) {
          rows.push({ pos: w.firstRow + k, row: w.rowNumbers?.[k] ?? w.firstRow + k, cells: new Map(columns.map(([n, v]) => [n, v?.[k]])) });
        }
        params.successCallback(rows, windowSize(source.viewRows ?? w.totalRows, win.offset));
      };
      const read = (): Promise<RowWindow> => api.readWindow(datasetId, first, count, source.columns);
      const answer = source.viewId === undefined ? firstWindowOr(datasetId, first, count, source.columns, read) : read();
      if (answer instanceof Promise) answer.then(deliver, () => params.failCallback());
      else deliver(answer);
    },
  };
}
