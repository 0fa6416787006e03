// The window maths that lets ag-grid (exact to ~1e7 rows) show every row of 1e8 and beyond.
import { describe, expect, it } from 'vitest';
import { parseRowNumber, recentre, windowAround, windowContains, windowForRow, windowSize, WINDOW_ROWS } from './grid-window.js';

const N = 100_000_000;

describe('grid-window', () => {
  it('gives small datasets one window from 0', () => {
    expect(windowAround(1234, 1000)).toEqual({ offset: 0, size: 1234 });
    expect(windowAround(0, 0)).toEqual({ offset: 0, size: 0 });
  });

  it('centres a block-aligned window on the target', () => {
    const w = windowAround(N, 50_000_123);
    expect(w.size).toBe(WINDOW_ROWS);
    expect(w.offset % 1000).toBe(0);
    expect(windowContains(w, 50_000_123)).toBe(true);
    expect(50_000_123 - w.offset).toBeGreaterThan(WINDOW_ROWS / 2 - 1000);
  });

  it('reaches the last row of 1e8 exactly', () => {
    const w = windowAround(N, N - 1);
    expect(w.offset + w.size).toBe(N);
    expect(windowContains(w, N - 1)).toBe(true);
    expect(windowContains(w, N)).toBe(false);
  });

  it('clamps at the start', () => {
    expect(windowAround(N, 3)).toEqual({ offset: 0, size: WINDOW_ROWS });
  });

  it('keeps the current window when it already holds the row, growing it while loading', () => {
    expect(windowForRow(300_000, { offset: 0, size: 200_000 }, 250_000)).toEqual({ offset: 0, size: 300_000 });
    expect(windowForRow(N, { offset: 0, size: WINDOW_ROWS }, 10)).toEqual({ offset: 0, size: WINDOW_ROWS });
    expect(windowForRow(N, { offset: 0, size: WINDOW_ROWS }, N - 1).offset).toBe(N - WINDOW_ROWS);
  });

  it('sizes a window by the readable rows', () => {
    expect(windowSize(N, N - 10)).toBe(10);
    expect(windowSize(5, 10)).toBe(0);
  });

  it('re-centres only near an edge with more data beyond', () => {
    const mid = { offset: 10_000_000, size: WINDOW_ROWS };
    expect(recentre(N, mid, 200_000, 200_030)).toBeNull();
    const down = recentre(N, mid, 480_000, 480_030)!;
    expect(windowContains(down, mid.offset + 480_015)).toBe(true);
    expect(down.offset).toBeGreaterThan(mid.offset);
    const up = recentre(N, mid, 10, 40)!;
    expect(up.offset).toBeLessThan(mid.offset);
    expect(recentre(N, { offset: 0, size: WINDOW_ROWS }, 0, 30)).toBeNull();
    expect(recentre(N, { offset: N - WINDOW_ROWS, size: WINDOW_ROWS }, WINDOW_ROWS - 30, WINDOW_ROWS - 1)).toBeNull();
  });

  it('parses typed row numbers', () => {
    expect(parseRowNumber('99,999,999', N)).toEqual({ row: 99_999_999 });
    expect(parseRowNumber(' 1_000 ', N)).toEqual({ row: 1000 });
    expect(parseRowNumber('100000000', N)).toHaveProperty('error');
    expect(parseRowNumber('-3', N)).toHaveProperty('error');
    expect(parseRowNumber('abc', N)).toHaveProperty('error');
    expect(parseRowNumber('', N)).toHaveProperty('error');
  });
});
