// The mock host's exports: checks a request like the host (format, one table for .npy/CSV), then runs it on a timer to done.
import type { DatasetInfo } from '../../shared/dataset.js';
import type { ExportRequest, ExportStatus } from '../../shared/export-request.js';

type ExportRecord = ExportStatus & { leftOut: readonly string[] };

export interface ExportDeps {
  readonly info: (id: string) => DatasetInfo;
  /** Seconds a simulated export takes. */
  readonly seconds: number;
  readonly newJobId: () => string;
  readonly emit: (status: ExportStatus) => void;
}

const strip = ({ leftOut: _l, ...status }: ExportRecord): ExportStatus => status;

/** Store bytes the export reads: a view's share of rows and columns when exporting views. */
function bytesOf(d: DatasetInfo, views: boolean): number {
  const v = views && d.view?.state === 'ready' ? d.view : undefined;
  if (!v) return d.storeBytes;
  const columns = d.columns.length ? (v.spec.columns?.length ?? d.columns.length) / d.columns.length : 1;
  return Math.round(d.storeBytes * (v.rows / Math.max(1, d.rows)) * columns);
}

export function createMockExports(deps: ExportDeps) {
  const jobs = new Map<string, ExportRecord>();
  const log: ExportRequest[] = [];
  const put = (s: ExportRecord) => {
    jobs.set(s.jobId, s);
    deps.emit(strip(s));
  };

  return {
    start(request: ExportRequest): string {
      if (!request.destination.startsWith('/')) throw new Error(`destination must be an absolute path: '${request.destination}'`);
      if (request.datasetIds.length === 0) throw new Error('choose at least one dataset to export');
      const chosen = request.datasetIds.map(deps.info);
      const format = request.format ?? 'hdf5';
      if (format !== 'hdf5' && (chosen.length !== 1 || chosen[0]!.array)) {
        throw new Error(`${format === 'npy' ? 'a .npy file' : 'CSV'} holds exactly one table; ${chosen.length} datasets were chosen`);
      }
      // A view is a table's: with views asked for, an N-d array is left out (and said so), as the host may leave out what it cannot write.
      const leftOut = request.views ? chosen.filter((d) => d.array).map((d) => `${d.name}: left out: an N-d array has no view (export it whole)`) : [];
      const datasetBytes = chosen.filter((d) => !(request.views && d.array)).reduce((n, d) => n + bytesOf(d, !!request.views), 0);
      log.push(request);
      const bytesTotal = Math.max(4096, Math.round(datasetBytes * (request.compression.kind === 'gzip' ? 0.42 : 1.01)));
      const jobId = deps.newJobId();
      put({ jobId, state: 'running', destination: request.destination, bytesWritten: 0, bytesTotal, rate: bytesTotal / deps.seconds, elapsedSeconds: 0, leftOut });
      return jobId;
    },
    step(dt: number): void {
      for (const s of jobs.values()) {
        if (s.state !== 'running') continue;
        const bytesWritten = Math.min(s.bytesTotal, s.bytesWritten + s.rate * dt);
        const done = bytesWritten >= s.bytesTotal;
        put({
          ...s, bytesWritten, elapsedSeconds: s.elapsedSeconds + dt, state: done ? 'done' : s.state,
          etaSeconds: done ? 0 : (s.bytesTotal - bytesWritten) / s.rate,
          fileBytes: done ? s.bytesTotal : undefined,
          warnings: done && s.leftOut.length ? s.leftOut : undefined,
        });
      }
    },
    cancel(jobId: string): void {
      const s = jobs.get(jobId);
      if (s?.state === 'running') put({ ...s, state: 'cancelled' });
    },
    /** Jobs still writing (the memory sample lists a process for each). */
    running: (): ExportStatus[] => [...jobs.values()].filter((s) => s.state === 'running').map(strip),
    requests: (): readonly ExportRequest[] => [...log],
  };
}
