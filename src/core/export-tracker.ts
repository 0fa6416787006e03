// Runs exports (HDF5, .npy, CSV) in the export pool, holding store leases so no dataset is removed while it is being read.

import { performance } from 'node:perf_hooks';
import type { ExportRequest, ExportStatus } from '../shared/export-request.js';
import { storeArrayType } from './arrays/store-array-tree.js';
import { datasetBaseName } from './dataset-name.js';
import type { ExportApi } from './export-job.js';
import { removeStalePartials } from './hdf5/h5-partial.js';
import { Listeners } from './listeners.js';
import { CancelledError } from './load-error.js';
import type { WorkerPool } from './pool/worker-pool.js';
import type { Lease, SegmentStore } from './store/segment-store.js';
import type { ViewInfo } from '../shared/view.js';

/** A table's ready view as the export needs it: the row index file (none = every row in order) and the spec. */
export type CurrentView = (datasetId: string) => { readonly info: ViewInfo; readonly indexFile?: string } | undefined;

/** 'filter: pct > 50; sort: chr, -pos; columns: chr, pos' — written beside the exported rows so they say what they are. */
export function describeView(info: ViewInfo): string {
  const { filter, sort, columns } = info.spec;
  return [
    ...(filter ? [`filter: ${filter}`] : []),
    ...(sort?.length ? [`sort: ${sort.map((k) => (k.descending ? `-${k.column}` : k.column)).join(', ')}`] : []),
    ...(columns?.length ? [`columns: ${columns.join(', ')}`] : []),
  ].join('; ');
}

interface Job {
  status: ExportStatus;
  readonly controller: AbortController;
}

/** An HDF5 input to copy whole, or (with `only`) some of its datasets. */
export interface Hdf5Input {
  readonly path: string;
  readonly only?: readonly string[];
}

export class ExportTracker {
  readonly statuses = new Listeners<ExportStatus>();
  private readonly jobs = new Map<string, Job>();
  private counter = 0;

  constructor(
    private readonly store: SegmentStore,
    private readonly pool: WorkerPool<ExportApi>,
    private readonly views: CurrentView = () => undefined,
  ) {}

  /**
   * Starts an export and resolves with its job id at once; progress and the outcome arrive as statuses. With
   * `whileLoading`, tables still loading are taken too: the worker follows their loads (see ExportJobDataset.loading).
   */
  start(req: ExportRequest, h5Files: readonly Hdf5Input[] = [], options: { whileLoading?: boolean } = {}): string {
    if (req.datasetIds.length === 0 && h5Files.length === 0) throw new Error('choose at least one dataset to export');
    const format = req.format ?? 'hdf5';
    if (format !== 'hdf5' && (req.datasetIds.length !== 1 || h5Files.length > 0 || this.store.get(req.datasetIds[0]!)?.array))
      throw new Error(`a .${format} file holds one table: choose exactly one table (or export HDF5)`);
    for (const j of this.jobs.values())
      if (j.status.state === 'running' && j.status.destination === req.destination) throw new Error(`an export to ${req.destination} is already running`);
    const leases: Lease[] = [];
    try {
      const datasets = req.datasetIds.map((id) => {
        const manifest = this.store.refresh(id);
        if (!manifest) throw new Error(`dataset ${id} is not open`);
        const loading = options.whileLoading === true && manifest.state === 'loading';
        if (loading && req.views) throw new Error(`${manifest.name} is loading; a view is exported once its table has loaded`);
        if (manifest.state !== 'ready' && !loading) throw new Error(`${manifest.name} is ${manifest.state}; only loaded datasets can be exported`);
        // Refused here, before a worker or a file exists: an array of a dtype the writer cannot store.
        if (manifest.array) storeArrayType(manifest);
        leases.push(this.store.lease(id));
        const view = req.views ? this.views(id) : undefined;
        const viewPart = view
          ? { view: { ...(view.indexFile ? { indexFile: view.indexFile } : {}), ...(view.info.spec.columns ? { columns: view.info.spec.columns } : {}), description: describeView(view.info) } }
          : {};
        return { dir: this.store.placement(id)!.dir, manifest, ...viewPart, ...(loading ? { loading } : {}) };
      });
      const jobId = `e${++this.counter}`;
      const job: Job = {
        controller: new AbortController(),
        status: { jobId, state: 'running', destination: req.destination, bytesWritten: 0, bytesTotal: 0, rate: 0, elapsedSeconds: 0 },
      };
      this.jobs.set(jobId, job);
      const label = [...datasets.map((d) => datasetBaseName(d.manifest.name)), ...h5Files.map((f) => datasetBaseName(f.path))].join(', ');
      void this.run(job, { ...req, datasets, h5Files }, leases, label);
      return jobId;
    } catch (e) {
      leases.forEach((l) => l.release());
      throw e;
    }
  }

  cancel(jobId: string): void {
    this.jobs.get(jobId)?.controller.abort();
  }

  get(jobId: string): ExportStatus | undefined {
    return this.jobs.get(jobId)?.status;
  }

  private async run(job: Job, req: ExportRequest & { datasets: Parameters<ExportApi['export']>[0]['datasets']; h5Files: readonly Hdf5Input[] }, leases: Lease[], label: string): Promise<void> {
    const started = performance.now();
    const elapsed = (): number => (performance.now() - started) / 1000;
    const update = (patch: Partial<ExportStatus>): void => {
      job.status = { ...job.status, ...patch, elapsedSeconds: elapsed() };
      this.statuses.emit(job.status);
    };
    this.statuses.emit(job.status);
    try {
      const result = await this.pool.run(
        'export',
        { datasets: req.datasets, ...(req.h5Files.length ? { h5Files: req.h5Files } : {}), destination: req.destination, layout: req.layout, compression: req.compression, format: req.format ?? 'hdf5', ...(req.chunkRows ? { chunkRows: req.chunkRows } : {}) },
        {
          label,
          signal: job.controller.signal,
          onProgress: (p) => {
            const rate = p.bytesWritten / Math.max(elapsed(), 1e-3);
            update({ bytesWritten: p.bytesWritten, bytesTotal: p.bytesTotal, rate, ...(rate > 0 ? { etaSeconds: (p.bytesTotal - p.bytesWritten) / rate } : {}) });
          },
        },
      );
      update({ state: 'done', bytesWritten: job.status.bytesTotal, fileBytes: result.fileBytes, etaSeconds: 0, ...(result.warnings.length ? { warnings: result.warnings } : {}) });
    } catch (e) {
      // A killed worker cannot remove its temporary file; the destination itself was never touched.
      removeStalePartials(req.destination);
      if (e instanceof CancelledError) update({ state: 'cancelled' });
      else update({ state: 'failed', error: e instanceof Error ? e.message : String(e) });
    } finally {
      leases.forEach((l) => l.release());
    }
  }
}
