// A HostService for transport tests: remembers every call, answers with small fixed data, and emits events on demand.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { HostService, LoadOptions, Unsubscribe } from '../../../shared/app-api.js';
import type { ArraySlice, LevelOfDetail, LodRequest, SliceRequest } from '../../../shared/array-view.js';
import type { DatasetInfo } from '../../../shared/dataset.js';
import type { ExportRequest, ExportStatus } from '../../../shared/export-request.js';
import type { AdmissionEstimate, MemorySample } from '../../../shared/memory.js';
import type { RowWindow } from '../../../shared/row-window.js';
import type { DatasetStats, StatsRequest, ViewInfo, ViewSpec } from '../../../shared/view.js';

type Listeners<T> = Set<(value: T) => void>;

function subscribe<T>(set: Listeners<T>, listener: (value: T) => void): Unsubscribe {
  set.add(listener);
  return () => void set.delete(listener);
}

export class FakeHostService implements HostService {
  readonly calls: { method: string; args: unknown[] }[] = [];
  readonly datasets: DatasetInfo[] = [];
  /** Contents written by startExport into the destination file. */
  exportBytes = 'fake hdf5';
  readonly #datasetListeners: Listeners<DatasetInfo[]> = new Set();
  readonly #memoryListeners: Listeners<MemorySample> = new Set();
  readonly #exportListeners: Listeners<ExportStatus> = new Set();
  #next = 1;

  get listenerCount(): number {
    return this.#datasetListeners.size + this.#memoryListeners.size + this.#exportListeners.size;
  }

  async openPaths(paths: readonly string[], options?: LoadOptions): Promise<string[]> {
    this.calls.push({ method: 'openPaths', args: [paths, options] });
    if (paths.some((p) => p.includes('missing'))) throw new Error(`no such file: ${paths.join(', ')}`);
    const ids = paths.map((path) => {
      const id = `ds${this.#next++}`;
      this.datasets.push({
        id, name: basename(path), sourcePath: path, sourceBytes: 0, format: 'text', state: 'ready', rows: 3,
        columns: [{ name: 'x', dtype: '<f8', reason: 'fake' }], storeBytes: 24,
      });
      return id;
    });
    this.emitDatasets();
    return ids;
  }

  async estimate(paths: readonly string[]): Promise<AdmissionEstimate> {
    this.calls.push({ method: 'estimate', args: [paths] });
    return { paths, estimatedBytes: 10, shmFreeBytes: 100, fits: true, message: 'fits' };
  }

  async listDatasets(): Promise<DatasetInfo[]> {
    this.calls.push({ method: 'listDatasets', args: [] });
    return [...this.datasets];
  }

  onDatasets(listener: (datasets: DatasetInfo[]) => void): Unsubscribe {
    return subscribe(this.#datasetListeners, listener);
  }

  firstWindow(datasetId: string, rowCount: number): Promise<RowWindow> {
    return this.readWindow(datasetId, 0, rowCount);
  }

  async readWindow(datasetId: string, firstRow: number, rowCount: number, columns?: readonly string[]): Promise<RowWindow> {
    this.calls.push({ method: 'readWindow', args: [datasetId, firstRow, rowCount, columns] });
    if (!this.datasets.some((d) => d.id === datasetId)) throw new Error(`unknown dataset ${datasetId}`);
    return {
      datasetId, firstRow, rowCount: 3, totalRows: 3,
      columns: [{ name: 'x', dtype: '<f8', data: { kind: 'number', values: [NaN, -0, Infinity] } }],
    };
  }

  async readSlice(datasetId: string, request: SliceRequest): Promise<ArraySlice> {
    this.calls.push({ method: 'readSlice', args: [datasetId, request] });
    return { datasetId, rowStart: request.rowStart, rowCount: 1, colStart: 0, colCount: 2, dtype: '<f8', data: { kind: 'number', values: [NaN, 1] } };
  }

  async readLevelOfDetail(datasetId: string, request: LodRequest): Promise<LevelOfDetail> {
    this.calls.push({ method: 'readLevelOfDetail', args: [datasetId, request] });
    return { datasetId, rowBins: 1, colBins: 1, binSize: [1, 1], step: [1, 1], min: [0], max: [1], dataMin: 0, dataMax: 1, valuesRead: 1 };
  }

  async openEntry(fileId: string, path: string): Promise<string> {
    this.calls.push({ method: 'openEntry', args: [fileId, path] });
    return `${fileId}:${path}`;
  }

  async setView(datasetId: string, spec: ViewSpec): Promise<ViewInfo> {
    this.calls.push({ method: 'setView', args: [datasetId, spec] });
    if (spec.filter === 'bad') throw new Error("unknown column 'bad' at column 1 (columns: x)");
    return { id: `${datasetId}:v1`, spec, state: 'ready', rows: 3, indexBytes: 0 };
  }

  async cancelView(datasetId: string): Promise<void> {
    this.calls.push({ method: 'cancelView', args: [datasetId] });
  }

  async columnStats(datasetId: string, request?: StatsRequest): Promise<DatasetStats> {
    this.calls.push({ method: 'columnStats', args: [datasetId, request] });
    return { datasetId, rows: 3, seconds: 0, columns: [{ name: 'x', dtype: '<f8', count: 3, missing: 1, min: -0, max: Infinity }] };
  }

  async cancel(datasetId: string): Promise<void> {
    this.calls.push({ method: 'cancel', args: [datasetId] });
  }

  async close(datasetId: string): Promise<void> {
    this.calls.push({ method: 'close', args: [datasetId] });
  }

  onMemory(listener: (sample: MemorySample) => void): Unsubscribe {
    return subscribe(this.#memoryListeners, listener);
  }

  /** Writes `exportBytes` to the destination, announcing running and then done (before resolving, as a fast job might). */
  async startExport(request: ExportRequest): Promise<string> {
    this.calls.push({ method: 'startExport', args: [request] });
    const jobId = `job${this.#next++}`;
    const base = { jobId, destination: request.destination, bytesTotal: this.exportBytes.length, rate: 0, elapsedSeconds: 0 };
    this.emitExport({ ...base, state: 'running', bytesWritten: 0 });
    await mkdir(dirname(request.destination), { recursive: true });
    await writeFile(request.destination, this.exportBytes);
    this.emitExport({ ...base, state: 'done', bytesWritten: this.exportBytes.length, fileBytes: this.exportBytes.length });
    return jobId;
  }

  onExport(listener: (status: ExportStatus) => void): Unsubscribe {
    return subscribe(this.#exportListeners, listener);
  }

  async cancelExport(jobId: string): Promise<void> {
    this.calls.push({ method: 'cancelExport', args: [jobId] });
  }

  emitDatasets(): void {
    for (const l of this.#datasetListeners) l([...this.datasets]);
  }

  emitMemory(sample: MemorySample): void {
    for (const l of this.#memoryListeners) l(sample);
  }

  emitExport(status: ExportStatus): void {
    for (const l of this.#exportListeners) l(status);
  }
}
