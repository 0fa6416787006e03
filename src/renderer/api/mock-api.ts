// A first-class in-memory AppApi (after H5Web's MockProvider): generated seed datasets, simulated loads, views, memory samples and exports.
import type { AppApi, DroppedFile, HostCapabilities, LoadOptions } from '../../shared/app-api.js';
import type { DatasetInfo, LoadErrorInfo, TextDialect } from '../../shared/dataset.js';
import type { ExportRequest, ExportStatus } from '../../shared/export-request.js';
import type { AdmissionEstimate, MemorySample, ProcessMemory } from '../../shared/memory.js';
import { cubeInfo, cubeLod, cubeSlice } from './mock-arrays.js';
import { createMockExports } from './mock-exports.js';
import { SEED_LINE_BYTES, SEED_ROW_BYTES, seedColumns, seedWindow } from './mock-data.js';
import { SAMPLE_ROWS, sampleColumns, sampleTable } from './mock-tables.js';
import { createMockViews, MOCK_VIEW_ROW_LIMIT } from './mock-views.js';

export interface MockOptions {
  /** Simulation step. */
  readonly tickMs?: number;
  /** Read rate of one simulated loader. */
  readonly loadBytesPerSecond?: number;
  readonly exportSeconds?: number;
  readonly memoryIntervalMs?: number;
  /** Delay before readWindow answers, like a round trip to the host. */
  readonly readLatencyMs?: number;
  /** Pause between the steps of a view's filter and sort (and, times six, before statistics answer). */
  readonly viewStepMs?: number;
  readonly capabilities?: Partial<HostCapabilities>;
  /** Start with the seed datasets (a 1e8-row table, a loading file, a small one, a failing one, a 3-d array, a 20k-row sample with NaN). */
  readonly seed?: boolean;
}

export interface MockApi extends AppApi {
  /** Every export request received, oldest first (tests check what the window sent). */
  exportRequests(): readonly ExportRequest[];
  /** Stops the timers. */
  dispose(): void;
}

interface MockDataset {
  info: DatasetInfo;
  finalRows: number;
  rate: number;
  failAt?: LoadErrorInfo & { row: number };
  /** Tick at which the dataset's own statistics are ready. */
  statsAt?: number;
}

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const SHM_CAPACITY = 8 * GB;
const SYSTEM_TOTAL = 32 * GB;
const MAX_CONCURRENT_LOADS = 2;
const TEXT: TextDialect = { delimiter: 'whitespace', header: true, quote: null, comment: '#', lineEnding: 'LF', compression: 'none', bom: false, skippedLines: 1 };

type Listener<T> = (value: T) => void;

function listeners<T>() {
  const set = new Set<Listener<T>>();
  return {
    add(l: Listener<T>) {
      set.add(l);
      return () => void set.delete(l);
    },
    emit(value: T) {
      for (const l of set) l(value);
    },
  };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

function formatOf(name: string): DatasetInfo['format'] {
  if (/\.npy$/i.test(name)) return 'npy';
  if (/\.npz$/i.test(name)) return 'npz';
  if (/\.(h5|hdf5)$/i.test(name)) return 'hdf5';
  return 'text';
}

/** Source bytes the mock pretends a typed path has: 'huge' paths do not fit shared memory. */
function mockPathBytes(path: string): number {
  if (/huge/i.test(path)) return 40 * GB;
  return 120 * MB + (path.length % 7) * 17 * MB;
}

export function createMockApi(options: MockOptions = {}): MockApi {
  const tickMs = options.tickMs ?? 100;
  const loadRate = options.loadBytesPerSecond ?? 60 * MB;
  const exportSeconds = options.exportSeconds ?? 2.5;
  const latency = options.readLatencyMs ?? 4;
  const caps: HostCapabilities = { kind: 'mock', nativeDialogs: false, hostPaths: true, version: '0.1.0-mock', ...options.capabilities };
  const datasets = new Map<string, MockDataset>();
  const datasetEvents = listeners<DatasetInfo[]>();
  const memoryEvents = listeners<MemorySample>();
  const exportEvents = listeners<ExportStatus>();
  let nextId = 1;
  let ticks = 0;

  const list = () => [...datasets.values()].map((d) => d.info);
  const exports = createMockExports({
    info: (id) => need(id).info,
    seconds: exportSeconds,
    newJobId: () => `export-${nextId++}`,
    emit: (s) => exportEvents.emit(s),
  });
  const views = createMockViews({
    info: (id) => need(id).info,
    setViewInfo: (id, view) => {
      const d = datasets.get(id);
      if (!d) return;
      const { view: _old, ...rest } = d.info;
      d.info = view ? { ...rest, view } : rest;
      datasetEvents.emit(list());
    },
    stepMs: options.viewStepMs ?? 70,
    latencyMs: latency,
  });
  const storeBytes = () => list().reduce((n, d) => n + d.storeBytes, 0);

  function add(name: string, sourcePath: string, finalRows: number, state: 'ready' | 'queued', extra: Partial<MockDataset> = {}, dtype?: string): string {
    const id = `ds-${nextId++}`;
    const sourceBytes = finalRows * SEED_LINE_BYTES;
    const fits = finalRows * SEED_ROW_BYTES <= SHM_CAPACITY - storeBytes();
    const rows = state === 'ready' ? finalRows : 0;
    const info: DatasetInfo = {
      id, name, sourcePath, sourceBytes, format: formatOf(name), state, rows,
      dialect: formatOf(name) === 'text' ? (/\.tsv$/i.test(name) ? { ...TEXT, delimiter: '\t' } : TEXT) : undefined,
      columns: seedColumns(dtype ? `from dtype spec '${dtype}'` : undefined),
      placement: fits
        ? { kind: 'shm', dir: `/dev/shm/arrayport-4100/${id}`, reason: 'fits in free shared memory' }
        : { kind: 'disk', dir: `/tmp/arrayport-4100/${id}`, reason: 'does not fit in free shared memory' },
      storeBytes: rows * SEED_ROW_BYTES,
      progress: state === 'ready' ? { bytesRead: sourceBytes, bytesTotal: sourceBytes, rows, rate: 0, elapsedSeconds: 0 } : undefined,
    };
    datasets.set(id, { info, finalRows, rate: loadRate, ...extra });
    return id;
  }

  function openNamed(entries: readonly { name: string; path: string; bytes: number }[], opts?: LoadOptions): string[] {
    const ids = entries.map((e) => {
      const broken = /bad|broken|fail/i.test(e.name);
      const finalRows = Math.max(1000, Math.floor(e.bytes / SEED_LINE_BYTES));
      const failRow = Math.floor(finalRows * 0.3);
      return add(e.name, e.path, finalRows, 'queued', broken
        ? { failAt: { file: e.path, line: failRow + 2, column: 3, message: 'value is not an integer', text: 'N/A', row: failRow } }
        : {}, opts?.dtype);
    });
    datasetEvents.emit(list());
    return ids;
  }

  if (options.seed ?? true) {
    add('coverage_1e8.txt', '/data/coverage_1e8.txt', 100_000_000, 'ready');
    add('coverage_chr1.txt', '/data/coverage_chr1.txt', 6_000_000, 'queued', { rate: 40 * MB });
    add('methylation_sample.tsv', '/data/methylation_sample.tsv', 2_500, 'ready');
    add('broken_counts.tsv', '/data/broken_counts.tsv', 400_000, 'queued', {
      rate: 4 * MB,
      failAt: { file: '/data/broken_counts.tsv', line: 120_002, column: 3, message: 'value is not an integer', text: 'N/A', row: 120_000 },
    });
    const cubeId = `ds-${nextId++}`;
    datasets.set(cubeId, { info: cubeInfo(cubeId), finalRows: 24, rate: loadRate });
    const sample = datasets.get(add('coverage_sample.tsv', '/data/coverage_sample.tsv', SAMPLE_ROWS, 'ready'))!;
    sample.info = { ...sample.info, columns: sampleColumns(), stats: 'computing' };
    sample.statsAt = 12;
    views.addTable(sample.info.id, sampleTable());
  }

  /** The whole dataset's statistics: 'ready' a little after a small table's load ends (the mock summarises small tables only). */
  function stepStats(): boolean {
    let changed = false;
    for (const d of datasets.values()) {
      if (d.info.state === 'ready' && d.info.stats === undefined && d.statsAt === undefined && !d.info.array && d.info.rows <= MOCK_VIEW_ROW_LIMIT) {
        d.info = { ...d.info, stats: 'computing' };
        d.statsAt = ticks + 8;
        changed = true;
      }
      if (d.info.stats === 'computing' && ticks >= (d.statsAt ?? 0)) {
        d.info = { ...d.info, stats: 'ready' };
        changed = true;
      }
    }
    return changed;
  }

  function stepLoads(dt: number): boolean {
    let changed = false;
    let running = list().filter((d) => d.state === 'loading').length;
    for (const d of datasets.values()) {
      if (d.info.state === 'queued' && running < MAX_CONCURRENT_LOADS) {
        d.info = { ...d.info, state: 'loading', progress: { bytesRead: 0, bytesTotal: d.info.sourceBytes, rows: 0, rate: 0, elapsedSeconds: 0 } };
        running++;
        changed = true;
      }
      if (d.info.state !== 'loading' || !d.info.progress) continue;
      const p = d.info.progress;
      const bytesRead = Math.min(p.bytesTotal, p.bytesRead + d.rate * dt);
      const elapsedSeconds = p.elapsedSeconds + dt;
      let rows = Math.min(d.finalRows, Math.floor(bytesRead / SEED_LINE_BYTES));
      if (bytesRead >= p.bytesTotal) rows = d.finalRows;
      const progress = { bytesRead, bytesTotal: p.bytesTotal, rows, rate: bytesRead / elapsedSeconds, elapsedSeconds };
      if (d.failAt && rows >= d.failAt.row) {
        const { row: _row, ...error } = d.failAt;
        d.info = { ...d.info, state: 'failed', rows: 0, storeBytes: 0, progress, error };
      } else {
        const state = rows === d.finalRows ? 'ready' : 'loading';
        d.info = { ...d.info, state, rows, storeBytes: rows * SEED_ROW_BYTES, progress };
      }
      changed = true;
    }
    return changed;
  }


  function sample(): MemorySample {
    const wave = (period: number, amp: number) => Math.round(amp * (1 + Math.sin((ticks * tickMs) / 1000 / period)));
    const processes: ProcessMemory[] = [
      { pid: 4100, role: 'host', label: 'host', rssBytes: 150 * MB + wave(7, 6 * MB) },
      { pid: 4101, role: 'renderer', label: 'window', rssBytes: 210 * MB + wave(11, 12 * MB) },
    ];
    let pid = 5000;
    for (const d of datasets.values()) {
      pid++;
      if (d.info.state === 'loading') processes.push({ pid, role: 'loader', label: `loader · ${d.info.name}`, rssBytes: 90 * MB + wave(3, 20 * MB) });
    }
    for (const s of exports.running()) {
      processes.push({ pid: 6000 + Number(s.jobId.replace(/\D/g, '')), role: 'export', label: `export · ${baseName(s.destination)}`, rssBytes: 300 * MB + wave(2, 40 * MB) });
    }
    const store = storeBytes();
    return {
      time: Date.now(),
      systemTotalBytes: SYSTEM_TOTAL,
      systemUsedBytes: 9 * GB + store + wave(13, 300 * MB),
      storeBytes: store,
      shmCapacityBytes: SHM_CAPACITY,
      shmFreeBytes: Math.max(0, SHM_CAPACITY - list().filter((d) => d.placement?.kind === 'shm').reduce((n, d) => n + d.storeBytes, 0)),
      processes,
    };
  }

  const loadTimer = setInterval(() => {
    ticks++;
    if (stepLoads(tickMs / 1000) || stepStats()) datasetEvents.emit(list());
    exports.step(tickMs / 1000);
  }, tickMs);
  const memoryTimer = setInterval(() => memoryEvents.emit(sample()), options.memoryIntervalMs ?? 1000);

  const later = <T>(value: () => T, ms = latency) => new Promise<T>((resolve, reject) => setTimeout(() => {
    try { resolve(value()); } catch (e) { reject(e); }
  }, ms));

  function need(id: string): MockDataset {
    const d = datasets.get(id);
    if (!d) throw new Error(`no dataset '${id}'`);
    return d;
  }

  const api: MockApi = {
    capabilities: () => later(() => caps, 0),
    openPaths: (paths, opts) => later(() => openNamed(paths.map((p) => ({ name: baseName(p), path: p, bytes: mockPathBytes(p) })), opts), 0),
    openDropped: (files: readonly DroppedFile[], opts) => later(() => openNamed(files.map((f) => ({ name: f.name, path: f.name, bytes: f.size })), opts), 0),
    pickAndOpen: () => later(() => [] as string[], 0),
    estimate: (paths) => later((): AdmissionEstimate => {
      const estimatedBytes = paths.reduce((n, p) => n + Math.round((mockPathBytes(p) / SEED_LINE_BYTES) * SEED_ROW_BYTES), 0);
      const shmFreeBytes = sample().shmFreeBytes;
      const fits = estimatedBytes <= shmFreeBytes;
      const gb = (b: number) => `${(b / GB).toFixed(1)} GB`;
      return {
        paths, estimatedBytes, shmFreeBytes, fits,
        message: fits
          ? `${gb(estimatedBytes)} fits in ${gb(shmFreeBytes)} of free shared memory.`
          : `${gb(estimatedBytes)} will not fit in ${gb(shmFreeBytes)} of free shared memory; the disk temp dir will be used.`,
      };
    }, 20),
    listDatasets: () => later(list, 0),
    onDatasets: (l) => datasetEvents.add(l),
    readWindow: (id, first, count, columns) => later(() => {
      const d = need(id);
      if (!Number.isInteger(first) || first < 0 || !Number.isInteger(count) || count < 0) throw new Error(`bad window ${first}+${count}`);
      return views.readWindow(id, first, count, columns) ?? seedWindow(id, first, count, d.info.rows, columns);
    }),
    firstWindow: (id, count) => new Promise<void>((resolve, reject) => {
      // As the host: answered once the table has rows (mock loads grow them), refused when its load fails.
      const check = (): boolean => {
        const d = datasets.get(id);
        if (!d) reject(new Error(`unknown dataset ${id}`));
        else if (d.info.state === 'failed' || d.info.state === 'cancelled') reject(new Error(`${id} is ${d.info.state}`));
        else if (d.info.rows > 0 || d.info.state === 'ready') resolve();
        else return false;
        return true;
      };
      if (check()) return;
      const off = datasetEvents.add(() => check() && off());
    }).then(() => api.readWindow(id, 0, count)),
    readSlice: (id, request) => later(() => {
      if (!need(id).info.array) throw new Error(`${id} is not an array`);
      return cubeSlice(id, request);
    }),
    readLevelOfDetail: (id, request) => later(() => {
      if (!need(id).info.array) throw new Error(`${id} is not an array`);
      return cubeLod(id, request);
    }),
    openEntry: (fileId) => later((): string => {
      throw new Error(`the mock host has no HDF5 file ${fileId}`);
    }, 0),
    setView: views.setView,
    cancelView: views.cancelView,
    columnStats: views.columnStats,
    cancel: (id) => later(() => {
      const d = need(id);
      if (d.info.state === 'loading' || d.info.state === 'queued') {
        d.info = { ...d.info, state: 'cancelled', rows: 0, storeBytes: 0 };
        datasetEvents.emit(list());
      }
    }, 0),
    close: (id) => later(() => {
      views.forget(id);
      datasets.delete(id);
      datasetEvents.emit(list());
    }, 0),
    onMemory: (l) => {
      queueMicrotask(() => l(sample()));
      return memoryEvents.add(l);
    },
    pickSavePath: (suggested) => later(() => (caps.nativeDialogs ? `/home/you/${suggested}` : null), 0),
    startExport: (request: ExportRequest) => later(() => exports.start(request), 0),
    onExport: (l) => exportEvents.add(l),
    cancelExport: (jobId) => later(() => exports.cancel(jobId), 0),
    exportRequests: exports.requests,
    dispose() {
      views.dispose();
      clearInterval(loadTimer);
      clearInterval(memoryTimer);
    },
  };
  return api;
}
