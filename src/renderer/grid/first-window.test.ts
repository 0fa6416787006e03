// The early first-block read: asked at the open, handed to the grid once and only for exactly the rows and columns it asks.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppApi } from '../../shared/app-api.js';
import type { RowWindow } from '../../shared/row-window.js';
import { firstWindowFor, firstWindowOr, prefetchFirstWindows } from './first-window.js';

function windowOf(id: string, rowCount: number, names = ['a', 'b']): RowWindow {
  return { datasetId: id, firstRow: 0, rowCount, totalRows: 5000, columns: names.map((name) => ({ name, dtype: '<i4', data: { kind: 'number', values: [] } })) } as unknown as RowWindow;
}

/** firstWindow answers with `rows` rows of columns a, b (or fails for ids starting with 'bad'). */
function fakeApi(rows = 1000): { api: AppApi; asked: unknown[][] } {
  const asked: unknown[][] = [];
  const api = {
    firstWindow: vi.fn((id: string, count: number) => {
      asked.push([id, count]);
      return id.startsWith('bad') ? Promise.reject(new Error('an array')) : Promise.resolve(windowOf(id, Math.min(rows, count)));
    }),
  } as unknown as AppApi;
  return { api, asked };
}

/** The grid's own read, counted. */
function reader(id: string, count: number, names: string[]): { reads: number; read: () => Promise<RowWindow> } {
  const r = { reads: 0, read: () => (r.reads++, Promise.resolve(windowOf(`${id}-read`, count, names))) };
  return r;
}

afterEach(() => vi.useRealTimers());

describe('first-window', () => {
  it('asks for block 0 of every opened dataset at once', () => {
    const { api, asked } = fakeApi();
    prefetchFirstWindows(api, ['d1', 'd2']);
    expect(asked).toEqual([['d1', 1000], ['d2', 1000]]);
  });

  it('hands the answer over once, for rows 0… of exactly its count and columns; otherwise reads', async () => {
    const { api } = fakeApi();
    prefetchFirstWindows(api, ['d1', 'd2', 'd3']);
    const a = reader('d1', 1000, ['a', 'b']);
    await expect(Promise.resolve(firstWindowOr('d1', 0, 1000, ['a', 'b'], a.read))).resolves.toMatchObject({ datasetId: 'd1', rowCount: 1000 });
    expect(a.reads).toBe(0);
    // Once only.
    await expect(Promise.resolve(firstWindowOr('d1', 0, 1000, ['a', 'b'], a.read))).resolves.toMatchObject({ datasetId: 'd1-read' });
    expect(a.reads).toBe(1);
    // Other columns, or another count: the grid's own read.
    const b = reader('d2', 1000, ['b']);
    await expect(Promise.resolve(firstWindowOr('d2', 0, 1000, ['b'], b.read))).resolves.toMatchObject({ datasetId: 'd2-read' });
    const c = reader('d3', 300, ['a', 'b']);
    await expect(Promise.resolve(firstWindowOr('d3', 0, 300, ['a', 'b'], c.read))).resolves.toMatchObject({ datasetId: 'd3-read' });
    expect([b.reads, c.reads]).toEqual([1, 1]);
  });

  it('reads when the early answer failed (an array, a failed load) or was never asked', async () => {
    const { api } = fakeApi();
    prefetchFirstWindows(api, ['bad1']);
    const r = reader('bad1', 1000, ['a', 'b']);
    await expect(Promise.resolve(firstWindowOr('bad1', 0, 1000, ['a', 'b'], r.read))).resolves.toMatchObject({ datasetId: 'bad1-read' });
    await expect(Promise.resolve(firstWindowOr('never', 0, 1000, ['a', 'b'], r.read))).resolves.toMatchObject({ datasetId: 'bad1-read' });
    expect(r.reads).toBe(2);
  });

  it('is not used once stale: its row count would be long out of date', async () => {
    vi.useFakeTimers();
    const { api } = fakeApi();
    prefetchFirstWindows(api, ['d1']);
    await vi.advanceTimersByTimeAsync(2500);
    const r = reader('d1', 1000, ['a', 'b']);
    await expect(Promise.resolve(firstWindowOr('d1', 0, 1000, ['a', 'b'], r.read))).resolves.toMatchObject({ datasetId: 'd1-read' });
    expect(r.reads).toBe(1);
  });

  it('serves the first screen and the grid from one ask, whichever comes first', async () => {
    const { api, asked } = fakeApi();
    // The table is shown before its open returns: the first screen asks, and the open's prefetch does not ask again.
    const shown = firstWindowFor(api, 'f1');
    prefetchFirstWindows(api, ['f1']);
    expect(firstWindowFor(api, 'f1')).toBe(shown);
    expect(asked).toEqual([['f1', 1000]]);
    // Not handed over as it is before it has come: the grid then waits for it.
    prefetchFirstWindows(api, ['f0']);
    const r0 = reader('f0', 1000, ['a', 'b']);
    const pending = firstWindowOr('f0', 0, 1000, ['a', 'b'], r0.read);
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toMatchObject({ datasetId: 'f0' });
    expect(r0.reads).toBe(0);
    // Once it has come: handed over as it is, in the same call, once, and only for exactly its rows and columns.
    await shown;
    const r = reader('f1', 1000, ['a', 'b']);
    expect(firstWindowOr('f1', 0, 1000, ['a', 'b'], r.read)).toMatchObject({ datasetId: 'f1', rowCount: 1000 });
    await expect(firstWindowOr('f1', 0, 1000, ['a', 'b'], r.read)).resolves.toMatchObject({ datasetId: 'f1-read' });
    for (const [id, first, count, names] of [['f3', 0, 999, ['a', 'b']], ['f4', 0, 1000, ['b', 'a']], ['f5', 1000, 1000, ['a', 'b']]] as const) {
      prefetchFirstWindows(api, [id]);
      await firstWindowFor(api, id);
      await expect(firstWindowOr(id, first, count, names, reader(id, count, [...names]).read)).resolves.toMatchObject({ datasetId: `${id}-read` });
    }
  });

  it('does not hand over a stale first block synchronously either', async () => {
    vi.useFakeTimers();
    const { api } = fakeApi();
    prefetchFirstWindows(api, ['f2']);
    await vi.advanceTimersByTimeAsync(2500);
    await expect(firstWindowOr('f2', 0, 1000, ['a', 'b'], reader('f2', 1000, ['a', 'b']).read)).resolves.toMatchObject({ datasetId: 'f2-read' });
    // A table shown again later asks afresh.
    const { api: later, asked } = fakeApi();
    void firstWindowFor(later, 'f2');
    expect(asked).toEqual([['f2', 1000]]);
  });
});
