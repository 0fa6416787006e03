// The early first-block read: one per table at its first rows, handed to the grid once and only for the same request.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppApi } from '../../shared/app-api.js';
import type { DatasetInfo } from '../../shared/dataset.js';
import type { RowWindow } from '../../shared/row-window.js';
import { prefetchFirstWindows, takeFirstWindow } from './first-window.js';

let n = 0;
function table(rows: number, state: DatasetInfo['state'] = 'loading', extra: Partial<DatasetInfo> = {}): DatasetInfo {
  return {
    id: `t${++n}`, name: 'x.tsv', sourcePath: '/x.tsv', sourceBytes: 1, format: 'text', state, rows, storeBytes: 0,
    columns: [{ name: 'a', dtype: '<i4' }, { name: 'b', dtype: '<f8' }] as unknown as DatasetInfo['columns'], ...extra,
  };
}

function fakeApi(): { api: AppApi; reads: unknown[][] } {
  const reads: unknown[][] = [];
  const api = {
    readWindow: vi.fn((...args: unknown[]) => {
      reads.push(args);
      return Promise.resolve({ datasetId: args[0], firstRow: 0, rowCount: args[2], totalRows: 5000, columns: [] } as unknown as RowWindow);
    }),
  } as unknown as AppApi;
  return { api, reads };
}

afterEach(() => vi.useRealTimers());

describe('first-window', () => {
  it('reads block 0 once, when a table first has rows, and not for arrays or tables without rows', async () => {
    const { api, reads } = fakeApi();
    const empty = table(0, 'queued');
    const array = table(10, 'loading', { array: { shape: [10] } as unknown as DatasetInfo['array'] });
    prefetchFirstWindows(api, [empty, array]);
    expect(reads).toEqual([]);
    const grown: DatasetInfo = { ...empty, state: 'loading', rows: 2833 };
    prefetchFirstWindows(api, [grown, array]);
    prefetchFirstWindows(api, [{ ...grown, rows: 9000 }]);
    expect(reads).toEqual([[grown.id, 0, 1000, ['a', 'b']]]);
  });

  it('hands the read over once, only for the same rows and columns', async () => {
    const { api } = fakeApi();
    const t = table(300);
    prefetchFirstWindows(api, [t]);
    expect(takeFirstWindow(t.id, 0, 300, ['a'])).toBeUndefined();
    prefetchFirstWindows(api, [table(300)]);
    const u = table(300);
    prefetchFirstWindows(api, [u]);
    const w = takeFirstWindow(u.id, 0, 300, ['a', 'b']);
    expect(w).toBeDefined();
    await expect(w).resolves.toMatchObject({ datasetId: u.id, rowCount: 300 });
    expect(takeFirstWindow(u.id, 0, 300, ['a', 'b'])).toBeUndefined();
  });

  it('is not used once stale: rows committed since would be missing from it', () => {
    vi.useFakeTimers();
    const { api } = fakeApi();
    const t = table(5000);
    prefetchFirstWindows(api, [t]);
    vi.advanceTimersByTime(2500);
    expect(takeFirstWindow(t.id, 0, 1000, ['a', 'b'])).toBeUndefined();
  });
});
