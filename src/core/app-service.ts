// The host's engine behind AppApi: admits loads into the store, runs them in the worker pool, reads windows, exports, samples memory.

import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { HostService, LoadOptions, Unsubscribe } from '../shared/app-api.js';
import type { DatasetInfo, DatasetState, LoadErrorInfo, LoadProgress } from '../shared/dataset.js';
import type { ExportRequest, ExportStatus } from '../shared/export-request.js';
import type { AdmissionEstimate, MemorySample, ProcessMemory } from '../shared/memory.js';
import type { RowWindow } from '../shared/row-window.js';
import type { ExportApi } from './export-job.js';
import { ExportTracker } from './export-tracker.js';
import { sniffFormat } from './format-sniff.js';
import { Listeners } from './listeners.js';
import type { LoaderApi } from './load-job.js';
import { CancelledError, LoadError } from './load-error.js';
import { processRss, systemMemory } from './memory-sampler.js';
import type { WorkerSpawner } from './pool/spawn.js';
import { WorkerPool } from './pool/worker-pool.js';
import { readWindow, toRowWindow } from './store/dataset-reader.js';
import { SegmentStore } from './store/segment-store.js';

export interface AppServiceOptions {
  readonly spawner: WorkerSpawner;
  /** Defaults to a store in /dev/shm (else the OS temp dir) that sweeps dead sessions on open. */
  readonly store?: SegmentStore;
  readonly loaderProcesses?: number;
  readonly exportProcesses?: number;
  /** Every process of the app with its memory; by default this host and its workers, read from /proc (Electron passes app.getAppMetrics). */
  readonly processMemory?: () => ProcessMemory[];
  /** The machine's memory; /proc/meminfo by default (Electron passes process.getSystemMemoryInfo). */
  readonly systemMemory?: () => { totalBytes: number; usedBytes: number };
  readonly memoryIntervalMs?: number;
}

interface Tracked {
  readonly id: string;
  readonly name: string;
  readonly sourcePath: string;
  readonly sourceBytes: number;
  state: DatasetState;
  progress?: LoadProgress;
  error?: LoadErrorInfo;
  /** Frozen view once the store no longer holds the dataset (failed or cancelled loads keep their row in the list). */
  final?: DatasetInfo;
  readonly controller: AbortController;
}

/** Dataset events at most this often: progress arrives ~10×/s per file and the list is sent whole. */
const DATASET_EVENT_INTERVAL_MS = 100;

export class AppService implements HostService {
  readonly store: SegmentStore;
  private readonly loaders: WorkerPool<LoaderApi>;
  private readonly exporters: WorkerPool<ExportApi>;
  private readonly exports: ExportTracker;
  private readonly tracked = new Map<string, Tracked>();
  private readonly datasetListeners = new Listeners<DatasetInfo[]>();
  private readonly memoryListeners = new Listeners<MemorySample>();
  private readonly memoryTimer: NodeJS.Timeout;
  private pendingEmit: NodeJS.Timeout | undefined;
  private failedCounter = 0;

  constructor(private readonly options: AppServiceOptions) {
    this.store = options.store ?? SegmentStore.open();
    this.loaders = new WorkerPool<LoaderApi>(options.spawner, 'loader', options.loaderProcesses);
    this.exporters = new WorkerPool<ExportApi>(options.spawner, 'export', options.exportProcesses ?? 1);
    this.exports = new ExportTracker(this.store, this.exporters);
    this.memoryTimer = setInterval(() => this.memoryListeners.size > 0 && this.memoryListeners.emit(this.sampleMemory()), options.memoryIntervalMs ?? 1000);
    this.memoryTimer.unref();
  }

  async openPaths(paths: readonly string[], options: LoadOptions = {}): Promise<string[]> {
    const ids = paths.map((p) => this.admit(resolve(p), options));
    this.emitDatasets();
    return ids;
  }

  /** Expected store bytes: binary columns are rarely larger than their text; gzip text inflates about 4×. */
  estimate(paths: readonly string[]): Promise<AdmissionEstimate> {
    let estimatedBytes = 0;
    for (const p of paths) {
      try {
        estimatedBytes += estimateStoreBytes(resolve(p));
      } catch {
        // A missing file adds nothing; opening it reports the error.
      }
    }
    const { freeBytes } = this.store.shmStats();
    const fits = estimatedBytes <= freeBytes;
    const gb = (n: number): string => `${(n / 1e9).toFixed(2)} GB`;
    return Promise.resolve({
      paths: [...paths],
      estimatedBytes,
      shmFreeBytes: freeBytes,
      fits,
      message: fits
        ? `About ${gb(estimatedBytes)} of ${gb(freeBytes)} free shared memory.`
        : `About ${gb(estimatedBytes)} will not fit in ${gb(freeBytes)} of free shared memory; the disk temp dir will be used.`,
    });
  }

  listDatasets(): Promise<DatasetInfo[]> {
    return Promise.resolve(this.snapshot());
  }

  onDatasets(listener: (datasets: DatasetInfo[]) => void): Unsubscribe {
    return this.datasetListeners.add(listener);
  }

  async readWindow(datasetId: string, firstRow: number, rowCount: number, columns?: readonly string[]): Promise<RowWindow> {
    if (!this.store.get(datasetId)) throw new Error(`dataset ${datasetId} is not open`);
    const reader = this.store.openReader(datasetId);
    try {
      return toRowWindow(datasetId, readWindow(reader, Math.max(0, Math.floor(firstRow)), Math.max(0, Math.min(Math.floor(rowCount), 100_000)), columns));
    } finally {
      reader.close();
    }
  }

  async cancel(datasetId: string): Promise<void> {
    this.tracked.get(datasetId)?.controller.abort();
  }

  async close(datasetId: string): Promise<void> {
    const t = this.tracked.get(datasetId);
    if (!t) return;
    t.controller.abort();
    this.tracked.delete(datasetId);
    this.emitDatasets();
    await this.store.close(datasetId);
    this.emitMemoryNow();
  }

  onMemory(listener: (sample: MemorySample) => void): Unsubscribe {
    const off = this.memoryListeners.add(listener);
    listener(this.sampleMemory());
    return off;
  }

  async exportHdf5(request: ExportRequest): Promise<string> {
    return this.exports.start(request);
  }

  onExport(listener: (status: ExportStatus) => void): Unsubscribe {
    return this.exports.statuses.add(listener);
  }

  async cancelExport(jobId: string): Promise<void> {
    this.exports.cancel(jobId);
  }

  /** Resolves when no load is running (for the CLI and tests). */
  async idle(ids: readonly string[] = [...this.tracked.keys()]): Promise<DatasetInfo[]> {
    for (;;) {
      const list = this.snapshot().filter((d) => ids.includes(d.id));
      if (list.every((d) => d.state !== 'loading' && d.state !== 'queued')) return list;
      await new Promise<void>((r) => {
        const off = this.datasetListeners.add(() => (off(), r()));
      });
    }
  }

  exportStatus(jobId: string): ExportStatus | undefined {
    return this.exports.get(jobId);
  }

  /** Kills the workers and removes the whole session from the store. */
  async dispose(): Promise<void> {
    clearInterval(this.memoryTimer);
    clearTimeout(this.pendingEmit);
    for (const t of this.tracked.values()) t.controller.abort();
    this.loaders.dispose();
    this.exporters.dispose();
    await this.store.dispose();
  }

  private admit(path: string, options: LoadOptions): string {
    const name = basename(path);
    let sourceBytes = 0;
    let created: { id: string } | undefined;
    try {
      sourceBytes = statSync(path).size;
      created = this.store.createDataset({ name, sourcePath: path, sourceBytes, format: 'text', estimatedBytes: estimateStoreBytes(path) });
    } catch (e) {
      // Nothing reached the store: the list still shows the file with the reason.
      const id = `f${++this.failedCounter}`;
      const error: LoadErrorInfo = { file: path, message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message };
      const t: Tracked = { id, name, sourcePath: path, sourceBytes, state: 'failed', error, controller: new AbortController() };
      t.final = this.info(t);
      this.tracked.set(id, t);
      return id;
    }
    const t: Tracked = { id: created.id, name, sourcePath: path, sourceBytes, state: 'queued', controller: new AbortController() };
    this.tracked.set(t.id, t);
    void this.load(t, options);
    return t.id;
  }

  private async load(t: Tracked, options: LoadOptions): Promise<void> {
    const datasetDir = this.store.placement(t.id)!.dir;
    try {
      await this.loaders.run('load', { path: t.sourcePath, datasetDir, ...(options.dtype ? { dtype: options.dtype } : {}) }, {
        label: t.name,
        signal: t.controller.signal,
        onProgress: (p) => {
          t.state = 'loading';
          t.progress = p;
          this.store.refresh(t.id);
          this.emitDatasets();
        },
      });
      this.store.refresh(t.id);
      t.state = 'ready';
    } catch (e) {
      if (!this.tracked.has(t.id)) return;
      t.state = e instanceof CancelledError ? 'cancelled' : 'failed';
      if (!(e instanceof CancelledError)) t.error = e instanceof LoadError ? e.info : { file: t.sourcePath, message: (e as Error).message };
      // A failed or cancelled load keeps its row in the list but none of its segments.
      t.final = this.info(t);
      void this.store.close(t.id).then(() => this.emitMemoryNow());
    }
    this.emitDatasets(true);
  }

  private info(t: Tracked): DatasetInfo {
    if (t.final) return t.final;
    const m = this.store.get(t.id);
    const placement = this.store.placement(t.id);
    return {
      id: t.id,
      name: t.name,
      sourcePath: t.sourcePath,
      sourceBytes: t.sourceBytes,
      format: 'text',
      ...(m?.source.dialect ? { dialect: m.source.dialect } : {}),
      state: t.state,
      rows: t.state === 'failed' || t.state === 'cancelled' ? 0 : m?.rows ?? 0,
      columns: (m?.columns ?? []).map((c) => ({ name: c.name, dtype: c.dtype, reason: c.reason, ...(c.encoding ? { encoding: c.encoding } : {}) })),
      ...(placement ? { placement } : {}),
      storeBytes: t.state === 'failed' || t.state === 'cancelled' ? 0 : this.store.datasetBytes(t.id),
      ...(t.progress ? { progress: t.progress } : {}),
      ...(t.error ? { error: t.error } : {}),
    };
  }

  private snapshot(): DatasetInfo[] {
    return [...this.tracked.values()].map((t) => this.info(t));
  }

  private emitDatasets(now = false): void {
    if (now) {
      clearTimeout(this.pendingEmit);
      this.pendingEmit = undefined;
      this.datasetListeners.emit(this.snapshot());
      return;
    }
    this.pendingEmit ??= setTimeout(() => {
      this.pendingEmit = undefined;
      this.datasetListeners.emit(this.snapshot());
    }, DATASET_EVENT_INTERVAL_MS);
  }

  private emitMemoryNow(): void {
    if (this.memoryListeners.size > 0) this.memoryListeners.emit(this.sampleMemory());
  }

  private sampleMemory(): MemorySample {
    const system = (this.options.systemMemory ?? systemMemory)();
    const shm = this.store.shmStats();
    return {
      time: Date.now(),
      systemTotalBytes: system.totalBytes,
      systemUsedBytes: system.usedBytes,
      storeBytes: this.store.storeBytes(),
      shmCapacityBytes: shm.capacityBytes,
      shmFreeBytes: shm.freeBytes,
      processes: this.options.processMemory?.() ?? this.nodeProcesses(),
    };
  }

  private nodeProcesses(): ProcessMemory[] {
    const workers = [...this.loaders.processes(), ...this.exporters.processes()].flatMap((w) => {
      const rss = w.pid !== undefined ? processRss(w.pid) : undefined;
      return rss === undefined ? [] : [{ pid: w.pid!, role: w.kind, label: `${w.kind} · ${w.busy ? w.label : 'idle'}`, rssBytes: rss }];
    });
    return [{ pid: process.pid, role: 'host', label: 'host', rssBytes: process.memoryUsage.rss() }, ...workers];
  }
}

function estimateStoreBytes(path: string): number {
  const size = statSync(path).size;
  return sniffFormat(path) === 'gzip' ? size * 4 : size;
}

/** The factory the Electron host calls with its utility-process spawner. */
export async function createAppService(spawner: WorkerSpawner, extra: Partial<AppServiceOptions> = {}): Promise<AppService> {
  return new AppService({ spawner, ...extra });
}
