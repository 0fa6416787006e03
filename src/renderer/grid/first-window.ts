// Asks for a table's first block as soon as its file is opened: the first screen draws it, and the grid's own first read finds it waiting.
import type { AppApi } from '../../shared/app-api.js';
import type { RowWindow } from '../../shared/row-window.js';
import { BLOCK_ROWS } from './grid-window.js';

/*
 * Why: when a file's first rows are committed, the page is still laying out the new table (ag-grid's set-up and
 * columns, 100–300 ms measured in the browser host) and only then would its read go out. Asked at the open
 * instead (api.firstWindow waits for the first rows), the rows are on the page by the time the grid asks.
 */

interface Early {
  /** The answer and when it came, once it has; undefined while it is on its way. */
  answered?: { readonly at: number; readonly value: RowWindow };
  readonly window: Promise<RowWindow>;
}

/** Older answers are not used: they are right (rows only ever append) but their row count is long out of date. */
const FRESH_MS = 2000;
const early = new Map<string, Early>();

/** Still on its way, or answered recently enough to use. */
function fresh(e: Early): boolean {
  return e.answered === undefined || performance.now() - e.answered.at <= FRESH_MS;
}

/** Called with the ids an open returned: asks for the first block of each (arrays and failures are ignored). */
export function prefetchFirstWindows(api: AppApi, ids: readonly string[]): void {
  for (const [id, e] of early) if (!fresh(e)) early.delete(id);
  // A table shown before its open returned has asked already (firstWindowFor).
  for (const id of ids) if (!early.has(id)) ask(api, id);
}

function ask(api: AppApi, id: string): Promise<RowWindow> {
  const entry: Early = { window: api.firstWindow(id, BLOCK_ROWS) };
  entry.window.then((value) => (entry.answered = { at: performance.now(), value }), () => early.delete(id));
  early.set(id, entry);
  return entry.window;
}

/**
 * The first block for the first screen (FirstRows): the early answer when there is one, else asked for now (a new
 * table can be shown before its open returns). Either way it is left for the grid's own first read.
 */
export function firstWindowFor(api: AppApi, datasetId: string): Promise<RowWindow> {
  const e = early.get(datasetId);
  return e && fresh(e) ? e.window : ask(api, datasetId);
}

/**
 * The grid's read of rows [first, first + count) of these columns: the early answer when it is exactly that (once),
 * else `read()`. An answer that has come is returned as it is, not in a promise: ag-grid's first read is then answered
 * within its call, before it draws its rows, so it draws them with their values instead of blank rows first.
 */
export function firstWindowOr(datasetId: string, first: number, count: number, columns: readonly string[], read: () => Promise<RowWindow>): RowWindow | Promise<RowWindow> {
  const e = early.get(datasetId);
  if (!e || first !== 0) return read();
  early.delete(datasetId);
  const usable = (w: RowWindow): boolean => fits(w, count, columns) && fresh(e);
  if (e.answered) return usable(e.answered.value) ? e.answered.value : read();
  return e.window.then((w) => (usable(w) ? w : read()), () => read());
}

function fits(w: RowWindow, count: number, columns: readonly string[]): boolean {
  return w.viewId === undefined && w.firstRow === 0 && w.rowCount === count
    && w.columns.length === columns.length && w.columns.every((c, i) => c.name === columns[i]);
}
