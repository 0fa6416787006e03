// The grid's datasource: reads through the window's offset, and holds the first request of a table that has no rows yet.
import { describe, expect, it, vi } from 'vitest';
import type { IGetRowsParams } from 'ag-grid-community';
import type { AppApi } from '../../shared/app-api.js';
import type { RowWindow } from '../../shared/row-window.js';
import { prefetchFirstWindows } from './first-window.js';
import { createDatasource, type GridRow, type GridSource } from './grid-datasource.js';
import type { GridWindow } from './grid-window.js';

function fakeApi(totalRows: number): { api: AppApi; reads: number[][] } {
  const reads: number[][] = [];
  const api = {
    readWindow: vi.fn(async (_id: string, first: number, count: number) => {
      reads.push([first, count]);
      const values = Array.from({ length: count }, (_, k) => first + k);
      return { datasetId: 'd', firstRow: first, rowCount: count, totalRows, columns: [{ name: 'v', dtype: '<i4', data: { kind: 'number', values } }] } as unknown as RowWindow;
    }),
  } as unknown as AppApi;
  return { api, reads };
}

function request(startRow: number, endRow: number): IGetRowsParams & { result: Promise<{ rows: GridRow[]; last: number | undefined }> } {
  let done!: (r: { rows: GridRow[]; last: number | undefined }) => void;
  const result = new Promise<{ rows: GridRow[]; last: number | undefined }>((r) => (done = r));
  return {
    startRow, endRow, sortModel: [], filterModel: {}, context: undefined,
    successCallback: (rows: GridRow[], last?: number) => done({ rows, last }),
    failCallback: () => done({ rows: [], last: -1 }),
    result,
  } as unknown as IGetRowsParams & { result: typeof result };
}

describe('grid datasource', () => {
  it('holds the first request while a loading table has no rows, and answers it with rows and their count once released', async () => {
    const { api, reads } = fakeApi(2833);
    let win: GridWindow = { offset: 0, size: 0 };
    let source: GridSource = { columns: ['v'], viewId: undefined, plainOk: true, waitForRows: true };
    const ds = createDatasource(api, 'd', () => win, () => source);
    const r = request(0, 1000);
    ds.getRows(r);
    expect(reads).toEqual([]);
    win = { offset: 0, size: 2833 };
    source = { ...source, waitForRows: false };
    expect(ds.releaseHeld()).toBe(true);
    const { rows, last } = await r.result;
    expect(reads).toEqual([[0, 1000]]);
    expect(rows).toHaveLength(1000);
    expect(rows[999]!.cells.get('v')).toBe(999);
    expect(last).toBe(2833);
    expect(ds.releaseHeld()).toBe(false);
  });

  it('has nothing to release before the grid asks: its first request then reads the rows, once', async () => {
    const { api, reads } = fakeApi(2833);
    const win: GridWindow = { offset: 0, size: 2833 };
    const ds = createDatasource(api, 'd', () => win, () => ({ columns: ['v'], viewId: undefined, plainOk: true }));
    expect(ds.releaseHeld()).toBe(true);
    const r = request(0, 1000);
    ds.getRows(r);
    expect((await r.result).rows).toHaveLength(1000);
    expect(reads).toEqual([[0, 1000]]);
    expect(ds.releaseHeld()).toBe(false);
  });

  it('answers at once with no rows when nothing is loading, and reads through the window offset otherwise', async () => {
    const { api, reads } = fakeApi(1_000_000);
    let win: GridWindow = { offset: 0, size: 0 };
    const source: GridSource = { columns: ['v'], viewId: undefined, plainOk: true };
    const ds = createDatasource(api, 'd', () => win, () => source);
    const empty = request(0, 1000);
    ds.getRows(empty);
    await expect(empty.result).resolves.toEqual({ rows: [], last: 0 });
    expect(ds.releaseHeld()).toBe(false);
    win = { offset: 500_000, size: 500_000 };
    const r = request(1000, 2000);
    ds.getRows(r);
    const { rows } = await r.result;
    expect(reads).toEqual([[501_000, 1000]]);
    expect(rows[0]!.pos).toBe(501_000);
  });

  it('answers its first request in the same call from the early first block once that has come, without a read', async () => {
    const { api, reads } = fakeApi(2833);
    const early = { datasetId: 'early', firstRow: 0, rowCount: 1000, totalRows: 2833, columns: [{ name: 'v', dtype: '<i4', data: { kind: 'number', values: Array.from({ length: 1000 }, (_, k) => 7 * k) } }] };
    (api as unknown as { firstWindow: unknown }).firstWindow = vi.fn(async () => early);
    prefetchFirstWindows(api, ['early']);
    await Promise.resolve();
    const win: GridWindow = { offset: 0, size: 2833 };
    const ds = createDatasource(api, 'early', () => win, () => ({ columns: ['v'], viewId: undefined, plainOk: true }));
    const r = request(0, 1000);
    let answered = false;
    void r.result.then(() => (answered = true));
    ds.getRows(r);
    await Promise.resolve();
    // Answered before any read could have: ag-grid then draws the rows with their values in its first pass.
    expect(answered).toBe(true);
    const { rows, last } = await r.result;
    expect(rows[999]!.cells.get('v')).toBe(6993);
    expect(last).toBe(2833);
    expect(reads).toEqual([]);
    // Once: the next request for the same rows reads them.
    const again = request(0, 1000);
    ds.getRows(again);
    expect((await again.result).rows[999]!.cells.get('v')).toBe(999);
    expect(reads).toEqual([[0, 1000]]);
  });
});
