// /download/<job> hands out only this host's own exports, and only once they are done: not running, failed or foreign jobs, nor any other path.
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { ExportStatus } from '../../shared/export-request.js';
import { ExportDownloads } from './export-downloads.js';

/** The part of a response that refuse() and serve() touch before streaming. */
function response(): { res: ServerResponse; status: () => number | undefined } {
  let status: number | undefined;
  const res = { writeHead: (s: number) => ((status = s), res), end: () => res, headersSent: false } as unknown as ServerResponse;
  return { res, status: () => status };
}

const status = (jobId: string, destination: string, state: ExportStatus['state']): ExportStatus => ({
  jobId, destination, state, bytesWritten: 0, bytesTotal: 1, rate: 0, elapsedSeconds: 0,
});

describe('export downloads', () => {
  it('refuses a running or failed export of this host, a foreign finished one and a path as job id', async () => {
    const d = new ExportDownloads('/tmp/arrayport-never-created/exports', (id) => `/download/${id}`);
    const mine = d.prepare({ datasetIds: ['a'], destination: 'x.h5', layout: 'compound', compression: { kind: 'none' } });
    expect(mine.destination).toBe('/tmp/arrayport-never-created/exports/x.h5');
    const escaping = d.prepare({ datasetIds: ['a'], destination: '../../etc/passwd', layout: 'compound', compression: { kind: 'none' } });
    // A bare name never leaves the exports dir.
    expect(escaping.destination).toBe('/tmp/arrayport-never-created/exports/passwd');
    d.started('e1', mine.destination);
    const ask = async (id: string): Promise<number | undefined> => {
      const r = response();
      await d.serve(r.res, encodeURIComponent(id), {});
      return r.status();
    };
    expect(d.track(status('e1', mine.destination, 'running')).downloadUrl).toBeUndefined();
    expect(await ask('e1')).toBe(404);
    d.track(status('e1', mine.destination, 'failed'));
    expect(await ask('e1')).toBe(404);
    expect(d.track(status('other', '/etc/hostname', 'done')).downloadUrl).toBeUndefined();
    expect(await ask('other')).toBe(404);
    expect(await ask('/etc/hostname')).toBe(404);
    expect(await ask('../e1')).toBe(404);
  });
});
