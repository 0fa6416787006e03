// The host's side of views and statistics: one current view per table, its row-index files in the store, stats cached per view.

import type { DatasetStats, StatsRequest, ViewInfo, ViewSpec } from '../../shared/view.js';
import { CancelledError } from '../load-error.js';
import type { WorkerPool } from '../pool/worker-pool.js';
import type { DatasetManifest } from '../store/manifest.js';
import type { SegmentStore } from '../store/segment-store.js';
import { compileFilter } from '../view/filter-compile.js';
import type { ComputeApi } from './compute-job.js';
import type { StatsJobResult } from './compute-api.js';

/** A view as the host keeps it: what the client sees plus the files that hold it. */
interface HeldView {
  info: ViewInfo;
  /** Row index in view order (absent: every row in order). */
  indexFile?: string;
  /** The kept rows ascending, when the index is sorted (statistics read rows in file order). */
  filterFile?: string;
  /** Files adopted in the store for this view (released when it is replaced). */
  readonly files: readonly string[];
  readonly controller: AbortController;
  settle?: { resolve(v: ViewInfo): void; reject(e: Error): void };
}

interface DatasetState {
  current?: HeldView;
  /** A view being computed; it becomes current when ready. */
  pending?: HeldView;
  stats: 'computing' | 'ready' | 'failed' | undefined;
  /** Statistics by view key (filter + bins + columns); the dataset's own under filter ''. */
  readonly statsCache: Map<string, Promise<StatsJobResult>>;
}

const DEFAULT_BINS = 50;

/** The parts of a spec that change which rows are kept and in what order (columns only choose what is shown). */
function normalise(spec: ViewSpec): ViewSpec {
  const filter = spec.filter?.trim();
  return {
    ...(filter ? { filter } : {}),
    ...(spec.sort && spec.sort.length ? { sort: spec.sort.map((k) => ({ column: k.column, ...(k.descending ? { descending: true } : {}) })) } : {}),
    ...(spec.columns && spec.columns.length ? { columns: [...spec.columns] } : {}),
  };
}

export class DatasetViews {
  private readonly datasets = new Map<string, DatasetState>();
  private counter = 0;

  constructor(
    private readonly store: SegmentStore,
    private readonly pool: WorkerPool<ComputeApi>,
    /** Called whenever a view's or the stats' state changes (the host re-sends the dataset list). */
    private readonly changed: () => void,
  ) {}

  private state(id: string): DatasetState {
    let s = this.datasets.get(id);
    if (!s) this.datasets.set(id, (s = { stats: undefined, statsCache: new Map() }));
    return s;
  }

  /** The view the client sees: the one computing if any, else the current one. */
  info(id: string): ViewInfo | undefined {
    const s = this.datasets.get(id);
    return s?.pending?.info ?? s?.current?.info;
  }

  statsState(id: string): DatasetState['stats'] {
    return this.datasets.get(id)?.stats;
  }

  /** The ready view's row index file and columns, for windows and exports. */
  current(id: string): { readonly info: ViewInfo; readonly indexFile?: string } | undefined {
    const v = this.datasets.get(id)?.current;
    return v && v.info.state === 'ready' ? v : undefined;
  }

  /** A load just ended: the dataset's own statistics start at once, so they are there when someone asks. */
  loaded(id: string): void {
    const m = this.store.get(id);
    // N-d arrays have no columns to summarise.
    if (!m || m.array) return;
    const s = this.state(id);
    s.stats = 'computing';
    this.changed();
    this.statsFor(id, m, undefined, {}).then(
      () => {
        s.stats = 'ready';
        this.changed();
      },
      () => {
        s.stats = 'failed';
        this.changed();
      },
    );
  }

  setView(id: string, requested: ViewSpec): Promise<ViewInfo> {
    const m = this.store.get(id);
    if (!m) return Promise.reject(new Error(`dataset ${id} is not open`));
    if (m.array) return Promise.reject(new Error(`${m.name} is an N-d array: views are for tables`));
    if (m.state !== 'ready') return Promise.reject(new Error(`${m.name} is still ${m.state}: views work once it has loaded`));
    const spec = normalise(requested);
    // Checked here, before any work: the user sees a bad expression or column at once.
    const names = m.columns.map((c) => c.name);
    for (const c of [...(spec.columns ?? []), ...(spec.sort ?? []).map((k) => k.column)])
      if (!names.includes(c)) return Promise.reject(new Error(`unknown column '${c}' (columns: ${names.join(', ')})`));
    if (spec.filter) {
      try {
        compileFilter(spec.filter, m.columns);
      } catch (e) {
        return Promise.reject(new Error((e as Error).message));
      }
    }
    const s = this.state(id);
    this.abandon(s.pending, 'the view was replaced by a newer one');
    s.pending = undefined;
    const n = ++this.counter;
    const viewId = `${id}:v${n}`;
    const needsIndex = Boolean(spec.filter || spec.sort);
    const indexFile = `view-${n}.u4.npy`;
    const filterFile = `view-${n}.filter.npy`;
    const files = needsIndex ? [indexFile, `${indexFile}.tmp`, filterFile, `${filterFile}.tmp`] : [];
    const base = { id: viewId, spec, rows: m.rows, indexBytes: 0 };
    if (!needsIndex) {
      this.replaceCurrent(id, s, { info: { ...base, state: 'ready' }, files, controller: new AbortController() });
      return Promise.resolve(s.current!.info);
    }
    const held: HeldView = { info: { ...base, state: 'computing', progress: { step: spec.filter ? 'filter' : 'sort', fraction: 0 } }, files, controller: new AbortController() };
    s.pending = held;
    this.store.adopt(id, files);
    const lease = this.store.lease(id);
    const promise = new Promise<ViewInfo>((resolve, reject) => (held.settle = { resolve, reject }));
    this.changed();
    this.pool
      .run('view', { dir: this.store.placement(id)!.dir, manifest: m, spec, indexFile, filterFile }, {
        label: `${m.name} · view`,
        signal: held.controller.signal,
        onProgress: (p) => {
          if (s.pending !== held) return;
          held.info = { ...held.info, progress: p };
          this.changed();
        },
      })
      .then(
        (r) => {
          if (s.pending !== held) return;
          s.pending = undefined;
          held.indexFile = r.indexFile;
          held.filterFile = r.filterFile;
          held.info = { id: viewId, spec, state: 'ready', rows: r.rows, indexBytes: r.indexBytes };
          this.replaceCurrent(id, s, held);
          held.settle?.resolve(held.info);
        },
        (e: unknown) => {
          if (s.pending === held) s.pending = undefined;
          this.store.release(id, files);
          const cancelled = e instanceof CancelledError;
          held.info = { ...held.info, state: cancelled ? 'cancelled' : 'failed', ...(cancelled ? {} : { error: (e as Error).message }) };
          held.settle?.reject(cancelled ? new Error('the view was cancelled') : (e as Error));
          this.changed();
        },
      )
      .finally(() => lease.release());
    return promise;
  }

  /** Stops the view being computed; the current one stays. */
  cancel(id: string): void {
    const s = this.datasets.get(id);
    if (s?.pending) s.pending.controller.abort();
  }

  async stats(id: string, request: StatsRequest = {}): Promise<DatasetStats> {
    const m = this.store.get(id);
    if (!m) throw new Error(`dataset ${id} is not open`);
    if (m.array) throw new Error(`${m.name} is an N-d array: statistics are for tables`);
    if (m.state !== 'ready') throw new Error(`${m.name} is still ${m.state}: statistics come once it has loaded`);
    const names = m.columns.map((c) => c.name);
    for (const c of request.columns ?? []) if (!names.includes(c)) throw new Error(`unknown column '${c}' (columns: ${names.join(', ')})`);
    const view = this.current(id) as HeldView | undefined;
    const result = await this.statsFor(id, m, view, request);
    const wanted = request.columns ?? view?.info.spec.columns ?? names;
    const byName = new Map(result.columns.map((c) => [c.name, c]));
    return {
      datasetId: id,
      ...(view ? { viewId: view.info.id } : {}),
      rows: result.rows,
      columns: wanted.map((c) => byName.get(c)!).filter(Boolean),
      seconds: result.seconds,
    };
  }

  /**
   * Statistics of every column over the view's kept rows (order does not change them), cached per filter and bins:
   * asking again, or for fewer columns, is free.
   */
  private statsFor(id: string, m: DatasetManifest, view: HeldView | undefined, request: StatsRequest): Promise<StatsJobResult> {
    const s = this.state(id);
    const bins = Math.max(1, Math.min(1000, Math.floor(request.bins ?? DEFAULT_BINS)));
    const filter = view?.info.spec.filter ?? '';
    const key = `${bins}\u0000${filter}`;
    let job = s.statsCache.get(key);
    if (!job) {
      const rowsFile = filter ? (view!.filterFile ?? view!.indexFile) : undefined;
      const lease = this.store.lease(id);
      job = this.pool
        .run('stats', { dir: this.store.placement(id)!.dir, manifest: m, bins, ...(rowsFile ? { rowsFile } : {}) }, { label: `${m.name} · statistics` })
        .finally(() => lease.release());
      s.statsCache.set(key, job);
      // A failed job is not remembered: asking again retries.
      job.catch(() => s.statsCache.get(key) === job && s.statsCache.delete(key));
    }
    return job;
  }

  /** A dataset closed: its jobs stop; its files go with its directory. */
  drop(id: string): void {
    const s = this.datasets.get(id);
    if (!s) return;
    this.abandon(s.pending, 'the dataset was closed');
    this.datasets.delete(id);
  }

  private replaceCurrent(id: string, s: DatasetState, next: HeldView): void {
    const old = s.current;
    s.current = next;
    if (old) this.store.release(id, old.files);
    // Statistics of a filter that is gone would only be found again by the same filter: keep them, they are small.
    this.changed();
  }

  /** Stops a view's job; its promise rejects with `message` (its files are released when the job ends). */
  private abandon(held: HeldView | undefined, message: string): void {
    if (!held) return;
    held.controller.abort();
    held.settle?.reject(new Error(message));
    held.settle = undefined;
  }
}
