// The mock host's views and statistics: real filter/sort over small tables in timed steps (so progress and Cancel show), windows through them.
import type { DatasetInfo } from '../../shared/dataset.js';
import type { RowWindow } from '../../shared/row-window.js';
import type { DatasetStats, SortKey, StatsRequest, ViewInfo, ViewSpec } from '../../shared/view.js';
import { seedWindow } from './mock-data.js';
import { compileFilter } from './mock-expr.js';
import { tableStats } from './mock-stats.js';
import { seedTable, tableWindow } from './mock-tables.js';
import type { MockTable } from './mock-tables.js';

/** Largest table the mock filters, sorts and summarises (the real host has no such limit). */
export const MOCK_VIEW_ROW_LIMIT = 250_000;
const FILTER_STEPS = 10;
const SORT_STEPS = 4;

export interface ViewDeps {
  /** The dataset's info; throws for an unknown id. */
  info(id: string): DatasetInfo;
  /** Puts `view` on the dataset's info and tells listeners. */
  setViewInfo(id: string, view: ViewInfo | undefined): void;
  /** Pause between work steps. */
  readonly stepMs: number;
  /** Pause before a call answers. */
  readonly latencyMs: number;
}

interface Current {
  readonly view: ViewInfo;
  /** Original rows in view order; null when the view keeps every row in order. */
  readonly index: Int32Array | null;
}

interface Job {
  timer: ReturnType<typeof setTimeout> | undefined;
  readonly reject: (e: Error) => void;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Stable comparison over sort keys; NaN last in both directions. */
function comparator(table: MockTable, sort: readonly SortKey[]): (a: number, b: number) => number {
  const keys = sort.map((k) => ({ col: table.data.get(k.column)!, sign: k.descending ? -1 : 1 }));
  return (a, b) => {
    for (const { col, sign } of keys) {
      const x = col.values[a]!;
      const y = col.values[b]!;
      if (x === y) continue;
      if (typeof x === 'number' && Number.isNaN(x)) return Number.isNaN(y as number) ? 0 : 1;
      if (typeof y === 'number' && Number.isNaN(y)) return -1;
      return (x < y ? -1 : 1) * sign;
    }
    return a - b;
  };
}

export function createMockViews(deps: ViewDeps) {
  const tables = new Map<string, MockTable>();
  const seedTables = new Map<string, MockTable>();
  const current = new Map<string, Current>();
  const jobs = new Map<string, Job>();
  let nextView = 1;

  const later = <T>(run: () => T | Promise<T>, ms = deps.latencyMs) => new Promise<T>((resolve, reject) => setTimeout(() => {
    try { resolve(run()); } catch (e) { reject(e instanceof Error ? e : new Error(String(e))); }
  }, ms));

  /** The concrete table behind a dataset, when the mock can compute over it. */
  function tableOf(info: DatasetInfo): MockTable | null {
    const own = tables.get(info.id);
    if (own) return own;
    if (info.array || info.state !== 'ready' || info.rows > MOCK_VIEW_ROW_LIMIT) return null;
    const key = `${info.id}:${info.rows}`;
    let t = seedTables.get(key);
    if (!t) seedTables.set(key, (t = seedTable(info.rows)));
    return t;
  }

  const tooBig = (info: DatasetInfo, what: string) =>
    new Error(`the mock host ${what} tables of up to ${count(MOCK_VIEW_ROW_LIMIT)} rows; ${info.name} has ${count(info.rows)} (the real host has no such limit)`);

  function checkColumns(info: DatasetInfo, names: readonly string[], where: string): void {
    const known = info.columns.map((c) => c.name);
    for (const n of names) if (!known.includes(n)) throw new Error(`unknown column '${n}' in ${where} (columns: ${known.join(', ')})`);
  }

  function stop(id: string, reason: string): void {
    const job = jobs.get(id);
    if (!job) return;
    clearTimeout(job.timer);
    jobs.delete(id);
    job.reject(new Error(reason));
  }

  function setView(id: string, spec: ViewSpec): Promise<ViewInfo> {
    return later(() => new Promise<ViewInfo>((resolve, reject) => {
      const info = deps.info(id);
      if (info.array) throw new Error(`${info.name} is an N-d array: filter and sort work on tables`);
      if (info.state !== 'ready') throw new Error(`${info.name} is still loading: filter and sort once it is ready`);
      if (spec.columns) {
        if (spec.columns.length === 0) throw new Error('choose at least one column');
        checkColumns(info, spec.columns, 'columns');
      }
      checkColumns(info, (spec.sort ?? []).map((k) => k.column), 'sort');
      const filter = spec.filter?.trim() ?? '';
      const sort = spec.sort ?? [];
      const table = tableOf(info);
      if ((filter || sort.length) && !table) throw tooBig(info, 'filters and sorts');
      const keep = filter && table ? compileFilter(filter, table.data) : null;

      stop(id, 'replaced by a newer view');
      const job: Job = { timer: undefined, reject };
      jobs.set(id, job);
      const base = { id: `view-${nextView++}`, spec, indexBytes: 0 };
      const progress = (step: 'filter' | 'sort', fraction: number) =>
        deps.setViewInfo(id, { ...base, state: 'computing', rows: 0, progress: { step, fraction } });
      const finish = (index: Int32Array | null) => {
        jobs.delete(id);
        const view: ViewInfo = { ...base, state: 'ready', rows: index ? index.length : info.rows, indexBytes: index ? 4 * index.length : 0 };
        current.set(id, { view, index });
        deps.setViewInfo(id, view);
        resolve(view);
      };
      const next = (fn: () => void) => {
        job.timer = setTimeout(fn, deps.stepMs);
      };
      if (!table || (!filter && !sort.length)) {
        progress('filter', 0);
        next(() => finish(null));
        return;
      }
      const kept: number[] = [];
      const chunk = Math.ceil(table.rows / FILTER_STEPS);
      const sortStep = (k: number) => {
        progress('sort', k / SORT_STEPS);
        if (k < SORT_STEPS) next(() => sortStep(k + 1));
        else next(() => finish(Int32Array.from(kept.sort(comparator(table, sort)))));
      };
      const filterStep = (from: number) => {
        const to = Math.min(table.rows, from + chunk);
        for (let r = from; r < to; r++) if (!keep || keep(r)) kept.push(r);
        if (to < table.rows) {
          progress('filter', to / table.rows);
          next(() => filterStep(to));
        } else if (sort.length) sortStep(0);
        else next(() => finish(Int32Array.from(kept)));
      };
      if (keep) {
        progress('filter', 0);
        next(() => filterStep(0));
      } else {
        for (let r = 0; r < table.rows; r++) kept.push(r);
        sortStep(0);
      }
    }));
  }

  function cancelView(id: string): Promise<void> {
    return later(() => {
      if (!jobs.has(id)) return;
      stop(id, 'view cancelled; the previous view stays');
      deps.setViewInfo(id, current.get(id)?.view);
    }, 0);
  }

  function columnStats(id: string, request: StatsRequest = {}): Promise<DatasetStats> {
    const started = performance.now();
    // Slower than a window read, so the panel's progress shows.
    return later(() => {
      const info = deps.info(id);
      const table = tableOf(info);
      if (!table) throw info.array ? new Error(`${info.name} is an N-d array: statistics are for tables`) : tooBig(info, 'summarises');
      const cur = current.get(id);
      const names = request.columns ?? cur?.view.spec.columns ?? table.columns.map((c) => c.name);
      checkColumns(info, names, 'statistics');
      const bins = Math.max(1, Math.min(1000, Math.round(request.bins ?? 50)));
      const columns = tableStats(table, cur?.index ?? null, names, bins);
      return {
        datasetId: id, ...(cur ? { viewId: cur.view.id } : {}), rows: cur?.view.rows ?? table.rows, columns,
        seconds: (performance.now() - started) / 1000,
      };
    }, deps.stepMs * 6);
  }

  /** A window through the dataset's view or concrete table; null when neither applies (the caller reads seed rows). */
  function readWindow(id: string, first: number, rowCount: number, names?: readonly string[]): RowWindow | null {
    const info = deps.info(id);
    const cur = current.get(id);
    const wanted = names ?? cur?.view.spec.columns ?? info.columns.map((c) => c.name);
    checkColumns(info, wanted, 'readWindow');
    const table = tables.get(id) ?? (cur?.index ? tableOf(info) : null);
    if (table) return tableWindow(id, table, first, rowCount, wanted, cur ? { id: cur.view.id, index: cur.index, rows: cur.view.rows } : undefined);
    if (!cur) return null;
    const w = seedWindow(id, first, rowCount, cur.view.rows, wanted);
    return { ...w, viewId: cur.view.id, rowNumbers: Array.from({ length: w.rowCount }, (_, k) => first + k) };
  }

  return {
    setView,
    cancelView,
    columnStats,
    readWindow,
    /** Serves a dataset from a concrete table (the coverage sample). */
    addTable(id: string, table: MockTable) {
      tables.set(id, table);
    },
    /** Whether statistics of the dataset can be computed here (what DatasetInfo.stats reports). */
    canSummarise: (info: DatasetInfo) => tableOf(info) !== null,
    forget(id: string) {
      stop(id, 'dataset closed');
      current.delete(id);
      tables.delete(id);
      for (const key of seedTables.keys()) if (key.startsWith(`${id}:`)) seedTables.delete(key);
    },
    dispose() {
      for (const id of [...jobs.keys()]) stop(id, 'host stopped');
    },
  };
}

export type MockViews = ReturnType<typeof createMockViews>;
