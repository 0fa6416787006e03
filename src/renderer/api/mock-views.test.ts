// The mock's views: filter and sort (NaN last, stable) match the same work done here, windows carry original rows, Cancel keeps the old view.
import { describe, expect, it } from 'vitest';
import type { DatasetInfo } from '../../shared/dataset.js';
import type { ViewInfo } from '../../shared/view.js';
import { createMockViews } from './mock-views.js';
import { sampleColumns, sampleRow, sampleTable } from './mock-tables.js';

function setup() {
  let info: DatasetInfo = {
    id: 'd', name: 'sample.tsv', sourcePath: '/s', sourceBytes: 1, format: 'text', state: 'ready', rows: 3000, columns: sampleColumns(), storeBytes: 1,
  };
  const seen: (ViewInfo | undefined)[] = [];
  const views = createMockViews({
    info: () => info,
    setViewInfo: (_id, view) => {
      seen.push(view);
      info = { ...info, view };
    },
    stepMs: 20,
    latencyMs: 0,
  });
  views.addTable('d', sampleTable(3000));
  return { views, seen, info: () => info };
}

const rows = Array.from({ length: 3000 }, (_, i) => ({ i, ...(sampleRow(i) as { chr: string; pos: number; pct: number; c: number }) }));

describe('mock views', () => {
  it('sort descending with NaN last and equal keys in row order, through a filter', async () => {
    const { views, seen } = setup();
    const view = await views.setView('d', { filter: 'c >= 20', sort: [{ column: 'pct', descending: true }] });
    const want = rows.filter((r) => r.c >= 20).sort((a, b) => {
      if (Number.isNaN(a.pct) || Number.isNaN(b.pct)) return Number(Number.isNaN(a.pct)) - Number(Number.isNaN(b.pct)) || a.i - b.i;
      return b.pct - a.pct || a.i - b.i;
    });
    expect(view.rows).toBe(want.length);
    expect(seen.some((v) => v?.state === 'computing' && v.progress?.step === 'sort')).toBe(true);
    const w = views.readWindow('d', 0, want.length, ['pct'])!;
    expect(w.viewId).toBe(view.id);
    expect(w.rowNumbers).toEqual(want.map((r) => r.i));
    const tail = views.readWindow('d', want.length - 3, 10, ['chr'])!;
    expect(tail.rowCount).toBe(3);
    expect(tail.columns.map((c) => c.name)).toEqual(['chr']);
  });

  it('reject a bad expression before any work and keep the previous view on Cancel', async () => {
    const { views, info } = setup();
    const first = await views.setView('d', { filter: 'isnan(pct)' });
    await expect(views.setView('d', { filter: 'pct >> 2' })).rejects.toThrow("unexpected '>' at column 6");
    expect(info().view?.id).toBe(first.id);
    const running = views.setView('d', { sort: [{ column: 'chr' }, { column: 'pos', descending: true }] });
    await new Promise((r) => setTimeout(r, 5));
    await views.cancelView('d');
    await expect(running).rejects.toThrow(/cancelled/);
    expect(info().view).toEqual(first);
    expect(views.readWindow('d', 0, 2, ['pct'])!.rowNumbers).toEqual(rows.filter((r) => Number.isNaN(r.pct)).slice(0, 2).map((r) => r.i));
  });
});
