// The host's engine behind AppApi: admits loads into the store, runs them in the worker pool, reads windows, exports, samples memory.

import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { HostService, LoadOptions, Unsubscribe } from '../shared/app-api.js';
import type { ArraySlice, LevelOfDetail, LodRequest, SliceRequest } from '../shared/array-view.js';
import type { DatasetInfo } from '../shared/dataset.js';
import type { ExportRequest, ExportStatus } from '../shared/export-request.js';
import type { AdmissionEstimate, MemorySample, ProcessMemory } from '../shared/memory.js';
import type { RowWindow } from '../shared/row-window.js';
import type { DatasetStats, StatsRequest, ViewInfo, ViewSpec } from '../shared/view.js';
import type { ComputeApi } from './compute/compute-job.js';
import { DatasetViews } from './compute/dataset-views.js';
import { readViewWindow } from './compute/view-window.js';
import type { ExportApi } from './export-job.js';
import { readArrayLod, readArraySlice } from './arrays/array-reads.js';
import { storeArraySource } from './arrays/store-array-source.js';
import { datasetInfo, type Tracked } from './dataset-info.js';
import { ExportTracker } from './export-tracker.js';
import { sniffFormat } from './format-sniff.js';
import { H5Files } from './h5-files.js';
import { listZip } from './npy/zip-index.js';
import { Listeners } from './listeners.js';
import type { LoaderApi } from './load-job.js';
import { CancelledError, LoadError } from './load-error.js';
import { estimateAdmission, estimateStoreBytes } from './admission-estimate.js';
import { MemoryMonitor } from './memory-monitor.js';
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
  /** Processes that filter, sort and summarise (2 by default: a long sort does not hold up statistics). */
  readonly computeProcesses?: number;
  /** Compute each dataset's statistics as its load ends (the window shows them); the CLI's convert has no use for them. */
  readonly statsOnLoad?: boolean;
  /** Start the export process with the host (convert always exports once its loads end; a cold one costs ~0.35 s then). */
  readonly warmExport?: boolean;
  /** Every process of the app with its memory; by default this host and its workers, read from /proc (Electron passes app.getAppMetrics). */
  readonly processMemory?: () => ProcessMemory[];
  /** The machine's memory; /proc/meminfo by default (Electron passes process.getSystemMemoryInfo). */
  readonly systemMemory?: () => { totalBytes: number; usedBytes: number };
  readonly memoryIntervalMs?: number;
}

/** Dataset events at most this often: progress arrives ~10×/s per file and the list is sent whole. */
const DATASET_EVENT_INTERVAL_MS = 100;

export class AppService implements HostService {
  readonly store: SegmentStore;
  private readonly loaders: WorkerPool<LoaderApi>;
  private readonly exporters: WorkerPool<ExportApi>;
  private readonly computers: WorkerPool<ComputeApi>;
  private readonly views: DatasetViews;
  private readonly exports: ExportTracker;
  private readonly h5: H5Files;
  private readonly tracked = new Map<string, Tracked>();
  private readonly datasetListeners = new Listeners<DatasetInfo[]>();
  private readonly memory: MemoryMonitor;
  private pendingEmit: NodeJS.Timeout | undefined;
  private failedCounter = 0;

  constructor(private readonly options: AppServiceOptions) {
    this.store = options.store ?? SegmentStore.open();
    this.loaders = new WorkerPool<LoaderApi>(options.spawner, 'loader', options.loaderProcesses);
    // One loader started ahead of the first drop: a cold process costs ~0.2 s plus its modules before any row shows.
    this.loaders.warm();
    this.exporters = new WorkerPool<ExportApi>(options.spawner, 'export', options.exportProcesses ?? 1);
    if (options.warmExport) this.exporters.warm();
    this.computers = new WorkerPool<ComputeApi>(options.spawner, 'compute', options.computeProcesses ?? 2);
    this.views = new DatasetViews(this.store, this.computers, () => this.emitDatasets());
    this.exports = new ExportTracker(this.store, this.exporters, (id) => this.views.current(id));
    this.h5 = new H5Files(options.spawner, () => this.emitDatasets(true));
    const workers = (): { pid: number | undefined; role: string; label: string }[] => [
      ...[...this.loaders.processes(), ...this.exporters.processes(), ...this.computers.processes()].map((w) => ({ pid: w.pid, role: w.kind, label: `${w.kind} · ${w.busy ? w.label : 'idle'}` })),
      ...this.h5.processes().map((r) => ({ pid: r.pid, role: 'h5reader', label: `h5reader · ${r.label}` })),
    ];
    this.memory = new MemoryMonitor(
      { store: this.store, workers, ...(options.processMemory ? { processMemory: options.processMemory } : {}), ...(options.systemMemory ? { systemMemory: options.systemMemory } : {}) },
      options.memoryIntervalMs,
    );
  }

  async openPaths(paths: readonly string[], options: LoadOptions = {}): Promise<string[]> {
    const ids = paths.flatMap((p) => this.openOne(resolve(p), options));
    // At once: the window shows the new rows (and mounts their grid) while the loaders start.
    this.emitDatasets(true);
    return ids;
  }

  estimate(paths: readonly string[]): Promise<AdmissionEstimate> {
    return Promise.resolve(estimateAdmission(paths, this.store.shmStats().freeBytes));
  }

  listDatasets(): Promise<DatasetInfo[]> {
    return Promise.resolve(this.snapshot());
  }

  onDatasets(listener: (datasets: DatasetInfo[]) => void): Unsubscribe {
    return this.datasetListeners.add(listener);
  }

  async readWindow(datasetId: string, firstRow: number, rowCount: number, columns?: readonly string[]): Promise<RowWindow> {
    const [first, count] = [Math.max(0, Math.floor(firstRow)), Math.max(0, Math.min(Math.floor(rowCount), 100_000))];
    if (this.h5.has(datasetId)) return this.h5.readWindow(datasetId, first, count, columns);
    const m = this.store.get(datasetId);
    if (!m) throw new Error(`dataset ${datasetId} is not open`);
    if (m.array && (m.shape?.length ?? 0) > 1) throw new Error(`${m.name} is a ${m.shape!.length}-d array: read it with readSlice`);
    const reader = this.store.openReader(datasetId);
    try {
      const view = this.views.current(datasetId);
      if (view) return readViewWindow(reader, datasetId, view, first, count, columns);
      return toRowWindow(datasetId, readWindow(reader, first, count, columns));
    } finally {
      reader.close();
    }
  }

  async firstWindow(datasetId: string, rowCount: number): Promise<RowWindow> {
    if (this.h5.has(datasetId)) return this.readWindow(datasetId, 0, rowCount);
    await new Promise<void>((resolve, reject) => {
      // Checked at once and on every dataset event: the first rows and the load's end are both emitted at once.
      const check = (): boolean => {
        const t = this.tracked.get(datasetId);
        if (!t) reject(new Error(`dataset ${datasetId} is not open`));
        else if (t.state === 'failed' || t.state === 'cancelled') reject(new Error(`${t.name} was ${t.state === 'failed' ? 'not loaded' : 'cancelled'}`));
        else if (t.state === 'ready' || (this.store.get(datasetId)?.rows ?? 0) > 0) resolve();
        else return false;
        return true;
      };
      if (check()) return;
      const off = this.datasetListeners.add(() => check() && off());
    });
    return this.readWindow(datasetId, 0, rowCount);
  }

  async readSlice(datasetId: string, request: SliceRequest): Promise<ArraySlice> {
    if (this.h5.has(datasetId)) return this.h5.readSlice(datasetId, request);
    return this.withStoreArray(datasetId, (source) => readArraySlice(source, datasetId, request));
  }

  async readLevelOfDetail(datasetId: string, request: LodRequest): Promise<LevelOfDetail> {
    if (this.h5.has(datasetId)) return this.h5.readLevelOfDetail(datasetId, request);
    return this.withStoreArray(datasetId, (source) => readArrayLod(source, datasetId, request));
  }

  setView(datasetId: string, spec: ViewSpec): Promise<ViewInfo> {
    return this.views.setView(datasetId, spec);
  }

  async cancelView(datasetId: string): Promise<void> {
    this.views.cancel(datasetId);
  }

  columnStats(datasetId: string, request?: StatsRequest): Promise<DatasetStats> {
    return this.views.stats(datasetId, request);
  }

  openEntry(fileId: string, path: string): Promise<string> {
    return this.h5.openEntry(fileId, path);
  }

  /** Reads an array dataset of the store under a lease, so closing it meanwhile waits for the read. */
  private async withStoreArray<T>(datasetId: string, read: (source: ReturnType<typeof storeArraySource>) => Promise<T>): Promise<T> {
    const m = this.store.get(datasetId);
    if (!m) throw new Error(`dataset ${datasetId} is not open`);
    if (!m.array) throw new Error(`${m.name} is a table, not an N-d array`);
    const reader = this.store.openReader(datasetId);
    try {
      const source = storeArraySource(reader.dir, m);
      try {
        return await read(source);
      } finally {
        source.close();
      }
    } finally {
      reader.close();
    }
  }

  async cancel(datasetId: string): Promise<void> {
    this.tracked.get(datasetId)?.controller.abort();
  }

  async close(datasetId: string): Promise<void> {
    if (this.h5.close(datasetId)) {
      this.emitDatasets(true);
      return;
    }
    const t = this.tracked.get(datasetId);
    if (!t) return;
    t.controller.abort();
    this.views.drop(datasetId);
    this.tracked.delete(datasetId);
    this.emitDatasets();
    await this.store.close(datasetId);
    this.memory.nudge();
  }

  onMemory(listener: (sample: MemorySample) => void): Unsubscribe {
    return this.memory.subscribe(listener);
  }

  /**
   * Starts an export of loaded datasets. With `whileLoading` (the CLI's convert) tables still loading are taken too
   * and written as their rows are committed, so writing overlaps parsing; a load that fails fails the export.
   */
  async startExport(request: ExportRequest, options: { whileLoading?: boolean } = {}): Promise<string> {
    // HDF5 files and entries are not in the store: the export worker reads them in place.
    const { storeIds, files } = this.h5.exportInputs(request.datasetIds);
    return this.exports.start({ ...request, datasetIds: storeIds }, files, options);
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
    this.memory.stop();
    clearTimeout(this.pendingEmit);
    for (const t of this.tracked.values()) t.controller.abort();
    this.h5.dispose();
    // Workers gone before the store goes: a loader still writing would otherwise recreate files in a removed directory.
    await Promise.all([this.loaders.dispose(), this.exporters.dispose(), this.computers.dispose()]);
    await this.store.dispose();
  }

  /** One path: an HDF5 file opens in a reader process, an .npz admits one dataset per member, anything else one dataset. */
  private openOne(path: string, options: LoadOptions): string[] {
    let format: ReturnType<typeof sniffFormat> | 'missing';
    try {
      format = sniffFormat(path);
    } catch {
      format = 'missing';
    }
    if (format === 'hdf5') return [this.h5.open(path, statSync(path).size)];
    if (format !== 'zip') return [this.admit(path, options, format === 'npy' ? 'npy' : 'text')];
    let members: string[];
    try {
      members = listZip(path).map((m) => m.name).filter((n) => !n.endsWith('/'));
    } catch (e) {
      return [this.failedEntry(path, basename(path), 0, 'text', `not a readable .npz archive: ${(e as Error).message}`)];
    }
    if (members.length === 0) return [this.failedEntry(path, basename(path), 0, 'text', 'the archive holds no members')];
    return members.map((member) => this.admit(path, options, 'npz', member));
  }

  /** A row for a file that never reached the store: the list still shows it, with the reason. */
  private failedEntry(path: string, name: string, sourceBytes: number, format: DatasetInfo['format'], message: string): string {
    const id = `f${++this.failedCounter}`;
    const t: Tracked = { id, name, sourcePath: path, sourceBytes, format, state: 'failed', error: { file: path, message }, controller: new AbortController() };
    t.final = datasetInfo(t, this.store, this.views);
    this.tracked.set(id, t);
    return id;
  }

  private admit(path: string, options: LoadOptions, format: DatasetInfo['format'] = 'text', member?: string): string {
    const name = member !== undefined ? `${basename(path)}/${member}` : basename(path);
    let sourceBytes = 0;
    let created: { id: string } | undefined;
    try {
      sourceBytes = statSync(path).size;
      created = this.store.createDataset({ name, sourcePath: path, sourceBytes, format, estimatedBytes: estimateStoreBytes(path) });
    } catch (e) {
      return this.failedEntry(path, name, sourceBytes, format, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message);
    }
    const t: Tracked = { id: created.id, name, sourcePath: path, sourceBytes, format, ...(member !== undefined ? { member } : {}), state: 'queued', controller: new AbortController() };
    this.tracked.set(t.id, t);
    void this.load(t, options);
    return t.id;
  }

  private async load(t: Tracked, options: LoadOptions): Promise<void> {
    const datasetDir = this.store.placement(t.id)!.dir;
    try {
      await this.loaders.run('load', { path: t.sourcePath, datasetDir, ...(options.dtype ? { dtype: options.dtype } : {}), ...(t.member !== undefined ? { member: t.member } : {}) }, {
        label: t.name,
        signal: t.controller.signal,
        onProgress: (p) => {
          // The first progress means the columns are known, and the next one with rows that the first rows are
          // readable: tell the window of both now, not at the next tick.
          const first = t.state !== 'loading' || (t.progress?.rows === 0 && p.rows > 0);
          t.state = 'loading';
          t.progress = p;
          this.store.refresh(t.id);
          this.emitDatasets(first);
        },
      });
      this.store.refresh(t.id);
      t.state = 'ready';
      if (this.options.statsOnLoad !== false) this.views.loaded(t.id);
    } catch (e) {
      if (!this.tracked.has(t.id)) return;
      t.state = e instanceof CancelledError ? 'cancelled' : 'failed';
      if (!(e instanceof CancelledError)) t.error = e instanceof LoadError ? e.info : { file: t.sourcePath, message: (e as Error).message };
      // A failed or cancelled load keeps its row in the list but none of its segments.
      t.final = datasetInfo(t, this.store, this.views);
      void this.store.close(t.id).then(() => this.memory.nudge());
    }
    this.emitDatasets(true);
  }

  private snapshot(): DatasetInfo[] {
    return [...[...this.tracked.values()].map((t) => datasetInfo(t, this.store, this.views)), ...this.h5.list()];
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
}

/** The factory the Electron host calls with its utility-process spawner. */
export async function createAppService(spawner: WorkerSpawner, extra: Partial<AppServiceOptions> = {}): Promise<AppService> {
  return new AppService({ spawner, ...extra });
}
