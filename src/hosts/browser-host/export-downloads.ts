// Exports the browser host started, and the one route that hands their finished files to the browser.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { basename, isAbsolute, join } from 'node:path';
import type { ExportRequest, ExportStatus } from '../../shared/export-request.js';
import { refuse } from './auth.js';
import { safeFileName } from './uploads.js';

/**
 * Remembers the destination of every export requested through this host, and which of them finished,
 * so that `/download/<jobId>` can serve those files and never any other path.
 */
export class ExportDownloads {
  readonly #requested = new Set<string>();
  readonly #jobs = new Map<string, { path: string; done: boolean }>();

  constructor(private readonly exportsDir: string, private readonly downloadUrl: (jobId: string) => string) {}

  /**
   * A browser has no Save dialog: a bare file name ("out.h5") is placed in the host's exports dir,
   * an absolute path is used as given (the token holder may name host paths, as for openPaths).
   */
  prepare(request: ExportRequest): ExportRequest {
    const destination = isAbsolute(request.destination)
      ? request.destination
      : join(this.exportsDir, safeFileName(basename(request.destination)) || 'export.h5');
    this.#requested.add(destination);
    return { ...request, destination };
  }

  /** Called with the job id startExport resolved with (status events may have named it first). */
  started(jobId: string, destination: string): void {
    if (!this.#jobs.has(jobId)) this.#jobs.set(jobId, { path: destination, done: false });
  }

  /** Follows a status; returns it with a download URL once a job of ours is done. */
  track(status: ExportStatus): ExportStatus {
    let job = this.#jobs.get(status.jobId);
    if (job === undefined && this.#requested.has(status.destination)) {
      job = { path: status.destination, done: false };
      this.#jobs.set(status.jobId, job);
    }
    if (job === undefined) return status;
    if (status.state === 'done') job.done = true;
    return job.done ? { ...status, downloadUrl: this.downloadUrl(status.jobId) } : status;
  }

  /** GET /download/<jobId>: the finished file of a job this host started, as an attachment. */
  async serve(res: ServerResponse, encodedJobId: string, headers: Record<string, string>): Promise<void> {
    let jobId: string;
    try {
      jobId = decodeURIComponent(encodedJobId);
    } catch {
      return refuse(res, 404, 'no such finished export');
    }
    const job = this.#jobs.get(jobId);
    if (job === undefined || !job.done) return refuse(res, 404, 'no such finished export');
    let size: number;
    try {
      size = (await stat(job.path)).size;
    } catch {
      return refuse(res, 404, 'export file is gone');
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/x-hdf5',
      'Content-Length': size,
      'Content-Disposition': `attachment; filename="${safeFileName(basename(job.path)) || 'export.h5'}"`,
      'Cache-Control': 'no-store',
    });
    createReadStream(job.path).on('error', () => res.destroy()).pipe(res);
  }
}
