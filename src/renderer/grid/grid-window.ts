// Pure paging maths for the grid: ag-grid sees a movable window of rows; these functions place it over the whole dataset.

/**
 * Rows ag-grid is given at once. ag-grid is exact only while the body is shorter than
 * ~16.7M px (float32 row placement) and unstretched (< 32M px), see notes/aggrid.md:
 * 500,000 rows × 26 px = 13M px keeps every row pixel-exact.
 */
export const WINDOW_ROWS = 500_000;
/** ag-grid cacheBlockSize; window offsets are aligned to it so blocks line up with the host's reads. */
export const BLOCK_ROWS = 1000;

/** The slice of the dataset ag-grid currently shows: global rows [offset, offset + size). */
export interface GridWindow {
  readonly offset: number;
  readonly size: number;
}

/** Rows of a window at `offset` given `total` readable rows. */
export function windowSize(total: number, offset: number, windowRows = WINDOW_ROWS): number {
  return Math.max(0, Math.min(windowRows, total - offset));
}

/** A window centred on `row` (block-aligned), clamped so it never runs past either end. */
export function windowAround(total: number, row: number, windowRows = WINDOW_ROWS): GridWindow {
  if (total <= windowRows) return { offset: 0, size: Math.max(0, total) };
  const centred = Math.floor((row - windowRows / 2) / BLOCK_ROWS) * BLOCK_ROWS;
  const offset = Math.min(Math.max(0, centred), total - windowRows);
  return { offset, size: windowRows };
}

/** Whether global `row` lies inside the window. */
export function windowContains(win: GridWindow, row: number): boolean {
  return row >= win.offset && row < win.offset + win.size;
}

/** The window to show `row`: the current one (resized to `total`) when it already holds the row, else one centred on it. */
export function windowForRow(total: number, current: GridWindow, row: number, windowRows = WINDOW_ROWS): GridWindow {
  const resized = { offset: current.offset, size: windowSize(total, current.offset, windowRows) };
  return windowContains(resized, row) ? resized : windowAround(total, row, windowRows);
}

/**
 * After scrolling inside the window: when the visible rows come within `margin` of an edge
 * that has more data beyond it, a window re-centred on them; otherwise null (stay put).
 */
export function recentre(
  total: number,
  current: GridWindow,
  firstVisibleLocal: number,
  lastVisibleLocal: number,
  windowRows = WINDOW_ROWS,
  margin = Math.floor(windowRows / 5),
): GridWindow | null {
  const nearStart = firstVisibleLocal < margin && current.offset > 0;
  const nearEnd = lastVisibleLocal >= current.size - margin && current.offset + current.size < total;
  if (!nearStart && !nearEnd) return null;
  const mid = current.offset + Math.floor((firstVisibleLocal + lastVisibleLocal) / 2);
  const next = windowAround(total, mid, windowRows);
  return next.offset === current.offset ? null : next;
}

/** Parses what a user types into "Go to row" (0-based; commas, spaces, underscores allowed). */
export function parseRowNumber(text: string, total: number): { row: number } | { error: string } {
  const cleaned = text.trim().replace(/[,_\s]/g, '');
  if (cleaned === '') return { error: 'Type a row number.' };
  if (!/^\d+$/.test(cleaned)) return { error: `'${text.trim()}' is not a row number.` };
  const row = Number(cleaned);
  if (total <= 0) return { error: 'This dataset has no rows yet.' };
  if (!Number.isSafeInteger(row) || row >= total) return { error: `Rows run from 0 to ${(total - 1).toLocaleString('en-US')}.` };
  return { row };
}
