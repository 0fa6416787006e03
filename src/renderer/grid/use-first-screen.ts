// When a table just opened gets its ag-grid: after FirstRows has painted the first rows, and when the first screen goes.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RowWindow } from '../../shared/row-window.js';
import type { AppApi } from '../../shared/app-api.js';
import { firstWindowFor } from './first-window.js';

/** How long the first screen waits for its rows before ag-grid is created anyway (a file slow to give its first rows). */
const WAIT_FOR_ROWS_MS = 1000;
/** How long the first screen stays over a created grid that has not drawn rows (it should: they are on the page). */
const HAND_OVER_MS = 1000;

export interface FirstScreen {
  /** The first block, which FirstRows draws; null until the host sends it. */
  readonly block: RowWindow | null;
  /** Whether FirstRows is drawn (over the grid, once that exists). */
  readonly shown: boolean;
  /** Whether ag-grid is created. */
  readonly gridOn: boolean;
  /** ag-grid's onGridReady and onFirstDataRendered. */
  readonly onGridReady: () => void;
  readonly onGridDrawn: () => void;
}

/**
 * For a table still loading (one just opened, above all) the grid waits for the first screen; a loaded table gets its
 * grid at once (a view, filtered or sorted, may be on its way, and the first block would be the wrong rows).
 */
export function useFirstScreen(api: AppApi, datasetId: string, loading: boolean): FirstScreen {
  const [early] = useState(() => (loading ? firstWindowFor(api, datasetId) : undefined));
  const [block, setBlock] = useState<RowWindow | null>(null);
  const [gridOn, setGridOn] = useState(early === undefined);
  const [shown, setShown] = useState(early !== undefined);
  const blockRef = useRef<RowWindow | null>(null);
  blockRef.current = block;

  useEffect(() => {
    if (!early) return;
    let live = true;
    early.then(
      (w) => live && setBlock(w),
      () => {
        if (!live) return;
        setGridOn(true);
        setShown(false);
      },
    );
    const wait = setTimeout(() => setGridOn(true), WAIT_FOR_ROWS_MS);
    return () => {
      live = false;
      clearTimeout(wait);
    };
  }, [early]);

  // The grid is created once the rows are painted: a timeout queued from an animation frame runs after that frame.
  useEffect(() => {
    if (!block || gridOn) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setGridOn(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [block, gridOn]);

  const handOver = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(handOver.current), []);
  const onGridReady = useCallback(() => {
    // Without rows (yet, or at all), the grid's own state, waiting or empty, is the one to show.
    if (!blockRef.current?.rowCount) setShown(false);
    else handOver.current = setTimeout(() => setShown(false), HAND_OVER_MS);
  }, []);
  const onGridDrawn = useCallback(() => {
    clearTimeout(handOver.current);
    setShown(false);
  }, []);
  return { block, shown, gridOn, onGridReady, onGridDrawn };
}
