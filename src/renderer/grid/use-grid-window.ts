// Keeps ag-grid's movable window over the dataset or its view: jumps, re-centring while scrolling, growth while the file loads, a new view.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { GridRow } from './grid-datasource.js';
import type { GridWindow } from './grid-window.js';
import { recentre, windowAround, windowForRow, windowSize } from './grid-window.js';

/** Fixed row height: the window maths turns pixels into rows with it. */
export const ROW_HEIGHT = 26;
/** While a file loads, how often cached blocks are re-read to fill rows that arrived since. */
const GROWTH_REFRESH_MS = 400;

export interface GridPosition {
  /** Global row at the top of the viewport. */
  readonly top: number;
  /** Global row at the bottom of the viewport. */
  readonly bottom: number;
}

/** `viewKey` changes when the rows shown change altogether (a new view): the window then starts again at the top. */
export function useGridWindow(
  total: number, loading: boolean, firstColId: () => string | undefined, viewKey = '',
  /** Answers the grid's request held while there were no rows (GridDatasource.releaseHeld); false when the grid must refresh. */
  releaseHeld: () => boolean = () => false,
) {
  const gridRef = useRef<GridApi<GridRow> | null>(null);
  const winRef = useRef<GridWindow>(windowAround(total, 0));
  const totalRef = useRef(total);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const frame = useRef(0);
  /** The row a jump landed on, highlighted for a moment so the eye finds it. */
  const targetRef = useRef<number | null>(null);
  const targetTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [position, setPosition] = useState<GridPosition>({ top: 0, bottom: 0 });
  const keyRef = useRef(viewKey);

  const readPosition = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const g = gridRef.current;
      if (!g || g.isDestroyed()) return;
      const range = g.getVerticalPixelRange();
      // A row counts as shown when at least half of it is.
      const last = Math.max(0, totalRef.current - 1);
      const off = winRef.current.offset;
      const top = Math.min(last, off + Math.floor((range.top + ROW_HEIGHT / 2) / ROW_HEIGHT));
      const bottom = Math.min(last, off + Math.max(0, Math.floor((range.bottom - ROW_HEIGHT / 2) / ROW_HEIGHT)));
      setPosition({ top, bottom: Math.max(top, bottom) });
    });
  }, []);

  /** Points ag-grid at a new window: drop its blocks (stale reads are then ignored) and give it the new row count. */
  const applyWindow = useCallback((next: GridWindow) => {
    const g = gridRef.current;
    const cur = winRef.current;
    winRef.current = next;
    if (!g) return;
    if (next.offset !== cur.offset) {
      g.purgeInfiniteCache();
      g.setRowCount(next.size, true);
    } else if (next.size !== cur.size) g.setRowCount(next.size, true);
  }, []);

  /** Shows global `row` (moving the window when needed) and optionally focuses its first data cell. */
  const goToRow = useCallback((row: number, where: 'top' | 'middle', focus: boolean) => {
    const g = gridRef.current;
    const t = totalRef.current;
    if (!g || t <= 0) return;
    const target = Math.min(Math.max(0, Math.round(row)), t - 1);
    const next = windowForRow(t, winRef.current, target);
    applyWindow(next);
    const local = target - next.offset;
    g.ensureIndexVisible(local, where);
    const col = firstColId();
    if (focus && col) {
      // Focus stays where the user typed; the grid's focused cell is set so Tab lands on the row.
      g.setFocusedCell(local, col);
      targetRef.current = target;
      g.redrawRows();
      if (targetTimer.current) clearTimeout(targetTimer.current);
      targetTimer.current = setTimeout(() => {
        targetRef.current = null;
        if (!g.isDestroyed()) g.redrawRows();
      }, 2500);
    }
    readPosition();
  }, [applyWindow, firstColId, readPosition]);

  /** After scrolling stops near a window edge, slide the window so the same rows stay on screen. */
  const onScrollEnd = useCallback(() => {
    const g = gridRef.current;
    if (!g) return;
    const cur = winRef.current;
    const range = g.getVerticalPixelRange();
    const first = Math.floor(range.top / ROW_HEIGHT);
    const last = Math.floor(range.bottom / ROW_HEIGHT);
    const next = recentre(totalRef.current, cur, first, last);
    if (!next) return;
    const focused = g.getFocusedCell();
    const hadFocus = !!document.activeElement?.closest('.ag-root');
    applyWindow(next);
    g.ensureIndexVisible(cur.offset + first - next.offset, 'top');
    if (focused && hadFocus) g.setFocusedCell(cur.offset + focused.rowIndex - next.offset, focused.column);
    readPosition();
  }, [applyWindow, readPosition]);

  useEffect(() => {
    totalRef.current = total;
    if (keyRef.current !== viewKey) {
      keyRef.current = viewKey;
      const g = gridRef.current;
      winRef.current = windowAround(total, 0);
      targetRef.current = null;
      if (g && !g.isDestroyed()) {
        g.purgeInfiniteCache();
        g.setRowCount(winRef.current.size, true);
        if (winRef.current.size > 0) g.ensureIndexVisible(0, 'top');
      }
      readPosition();
      return;
    }
    const cur = winRef.current;
    const size = windowSize(total, cur.offset);
    if (size === cur.size) return;
    // The very first rows of a load show at once (nothing was on screen to keep); later growth re-reads the blocks
    // read before these rows were committed, which hold blanks, at most every GROWTH_REFRESH_MS.
    if (cur.size === 0) {
      const first = { offset: cur.offset, size };
      // The grid's held request is answered with the rows and their count; only without one does it need telling.
      winRef.current = first;
      if (!releaseHeld()) {
        winRef.current = cur;
        applyWindow(first);
        const g = gridRef.current;
        if (g && !g.isDestroyed()) g.refreshInfiniteCache();
      }
      readPosition();
      return;
    }
    applyWindow({ offset: cur.offset, size });
    refreshTimer.current ??= setTimeout(() => {
      refreshTimer.current = null;
      const g = gridRef.current;
      if (g && !g.isDestroyed()) g.refreshInfiniteCache();
    }, GROWTH_REFRESH_MS);
    readPosition();
  }, [total, viewKey, applyWindow, readPosition, releaseHeld]);

  useEffect(() => {
    const g = gridRef.current;
    if (!loading && g && !g.isDestroyed()) g.refreshInfiniteCache();
  }, [loading]);

  useEffect(() => () => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    if (targetTimer.current) clearTimeout(targetTimer.current);
    cancelAnimationFrame(frame.current);
  }, []);

  return { gridRef, winRef, totalRef, targetRef, position, goToRow, onScrollEnd, readPosition };
}
