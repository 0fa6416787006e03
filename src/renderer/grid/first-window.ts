// Reads a table's first block the moment the host reports its first rows, so the grid's own first read finds it waiting.
import type { AppApi } from '../../shared/app-api.js';
import type { DatasetInfo } from '../../shared/dataset.js';
import type { RowWindow } from '../../shared/row-window.js';
import { BLOCK_ROWS } from './grid-window.js';

/*
 * Why: when a file's first rows are committed the page still has to render the new columns and let
 * ag-grid ask for its first block (100–300 ms of page work measured in the browser host), and only then
 * does the read go out. Sent from the dataset event instead, the round trip overlaps that work.
 */

interface Early {
  readonly columns: string;
  readonly count: number;
  readonly at: number;
  readonly window: Promise<RowWindow>;
}

/** Older reads are not used: rows the host committed since would be missing from them. */
const FRESH_MS = 2000;
const early = new Map<string, Early>();
const asked = new Set<string>();

function isTable(d: DatasetInfo): boolean {
  return !d.array && (d.format !== 'hdf5' || !!d.entry) && d.columns.length > 0;
}

/** Called with every dataset list: reads block 0 of each table that has just got its first rows. */
export function prefetchFirstWindows(api: AppApi, list: readonly DatasetInfo[]): void {
  for (const d of list) {
    if (asked.has(d.id) || d.rows === 0 || !isTable(d) || (d.state !== 'loading' && d.state !== 'ready')) continue;
    asked.add(d.id);
    const names = d.columns.map((c) => c.name);
    const count = Math.min(BLOCK_ROWS, d.rows);
    const window = api.readWindow(d.id, 0, count, names);
    // A failed early read is simply not used; the grid reads again itself.
    window.catch(() => early.delete(d.id));
    early.set(d.id, { columns: names.join('\0'), count, at: performance.now(), window });
  }
}

/** The early read of rows [0, count) with exactly these columns, once; undefined when there is none. */
export function takeFirstWindow(datasetId: string, first: number, count: number, columns: readonly string[]): Promise<RowWindow> | undefined {
  const e = early.get(datasetId);
  if (!e) return undefined;
  early.delete(datasetId);
  if (first !== 0 || count !== e.count || columns.join('\0') !== e.columns || performance.now() - e.at > FRESH_MS) return undefined;
  return e.window;
}
