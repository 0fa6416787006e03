// The renderer's WebSocket client against the real browser host and a fake service: calls, events, uploads, downloads.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportStatus } from '../../shared/export-request.js';
import type { MemorySample } from '../../shared/memory.js';
// eslint-disable-next-line no-restricted-imports -- the test drives the renderer's real client against the real host
import { createWsApi, type UploadProgress, type WsApi } from '../../renderer/api/ws-client.js';
import { startBrowserHost } from './index.js';
import { FakeHostService } from './test-support/fake-service.js';
import { rawGet, startTestHost, wsWithOrigin, type TestHost } from './test-support/test-host.js';

let t: TestHost;
let api: WsApi;
beforeAll(async () => {
  t = await startTestHost();
  api = createWsApi({ url: `ws://127.0.0.1:${t.host.port}/ws`, token: t.host.token, WebSocketImpl: wsWithOrigin(t.origin) });
});
afterAll(async () => {
  api.disconnect();
  await t.dispose();
});

const sample: MemorySample = {
  time: 1, systemTotalBytes: 8, systemUsedBytes: 4, storeBytes: 0, shmCapacityBytes: 0, shmFreeBytes: 0,
  processes: [{ pid: 1, role: 'host', label: 'host', rssBytes: 1 }],
};

describe('calls', () => {
  it('answers capabilities from the host itself', async () => {
    expect(await api.capabilities()).toEqual({ kind: 'browser', nativeDialogs: false, hostPaths: true, version: '0.0.0-test' });
    expect(await api.pickAndOpen()).toEqual([]);
    expect(await api.pickSavePath('x.h5')).toBeNull();
  });

  it('forwards calls to the service, keeping NaN and -0 in row windows', async () => {
    const [id] = await api.openPaths(['/data/a.txt'], { dtype: 'x:f8' });
    expect(t.service.calls.at(-1)).toEqual({ method: 'openPaths', args: [['/data/a.txt'], { dtype: 'x:f8' }] });
    const window = await api.readWindow(id!, 0, 3);
    const values = (window.columns[0]!.data as { values: number[] }).values;
    expect(values[0]).toBeNaN();
    expect(Object.is(values[1], -0)).toBe(true);
    expect(values[2]).toBe(Infinity);
    expect(await api.listDatasets()).toHaveLength(1);
    await api.close(id!);
    expect(t.service.calls.at(-1)).toEqual({ method: 'close', args: [id] });
  });

  it('carries views and statistics both ways, with the service one-line errors and -0/Infinity intact', async () => {
    const view = await api.setView('ds1', { filter: 'x > 0', sort: [{ column: 'x', descending: true }] });
    expect(view).toMatchObject({ id: 'ds1:v1', state: 'ready', spec: { filter: 'x > 0', sort: [{ column: 'x', descending: true }] } });
    await expect(api.setView('ds1', { filter: 'bad' })).rejects.toThrow("unknown column 'bad' at column 1 (columns: x)");
    await expect((api.setView as (...a: unknown[]) => Promise<unknown>)('ds1', 'x > 0')).rejects.toThrow(/argument 2/);
    const stats = await api.columnStats('ds1', { bins: 10 });
    expect(t.service.calls.at(-1)).toEqual({ method: 'columnStats', args: ['ds1', { bins: 10 }] });
    expect(Object.is(stats.columns[0]!.min, -0)).toBe(true);
    expect(stats.columns[0]!.max).toBe(Infinity);
    await api.cancelView('ds1');
    expect(t.service.calls.at(-1)).toEqual({ method: 'cancelView', args: ['ds1'] });
  });

  it('rejects with the service error and with shape errors', async () => {
    await expect(api.readWindow('nope', 0, 1)).rejects.toThrow(/unknown dataset nope/);
    await expect(api.openPaths(['/missing.txt'])).rejects.toThrow(/no such file/);
    await expect((api.readWindow as (...a: unknown[]) => Promise<unknown>)('x', 'zero', 1)).rejects.toThrow(/argument 2/);
  });
});

describe('events', () => {
  it('pushes datasets and memory and unsubscribes', async () => {
    const seen: MemorySample[] = [];
    const datasets = new Promise((resolve) => api.onDatasets(resolve));
    const off = api.onMemory((s) => seen.push(s));
    await api.openPaths(['/data/b.txt']);
    expect(await datasets).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'b.txt' })]));
    t.service.emitMemory(sample);
    await expect.poll(() => seen.length).toBe(1);
    off();
    t.service.emitMemory(sample);
    await api.listDatasets();
    expect(seen).toEqual([sample]);
  });

  it('drops a socket’s subscriptions when it disconnects', async () => {
    const before = t.service.listenerCount;
    const other = createWsApi({ url: `ws://127.0.0.1:${t.host.port}/ws`, token: t.host.token, WebSocketImpl: wsWithOrigin(t.origin) });
    await other.listDatasets();
    expect(t.service.listenerCount).toBe(before + 3);
    other.disconnect();
    await expect.poll(() => t.service.listenerCount).toBe(before);
    await expect(other.listDatasets()).rejects.toThrow(/closed/);
  });
});

describe('uploads', () => {
  it('streams dropped files to fresh files under uploadsDir and opens them', async () => {
    const progress: UploadProgress[] = [];
    const dropApi = createWsApi({
      url: `ws://127.0.0.1:${t.host.port}/ws`, token: t.host.token, WebSocketImpl: wsWithOrigin(t.origin),
      onUploadProgress: (p) => progress.push(p),
    });
    const big = 'x\n'.repeat(3_000_000);
    const ids = await dropApi.openDropped([new File(['1\n2\n'], 'small.txt'), new File([big], '../../evil name.txt')]);
    dropApi.disconnect();
    expect(ids).toHaveLength(2);
    const opened = t.service.calls.filter((c) => c.method === 'openPaths').slice(-2).map((c) => (c.args[0] as string[])[0]!);
    for (const path of opened) expect(relative(t.uploadsDir, path)).toMatch(/^upload-[^/]+\/[^/]+$/);
    expect(opened.map((p) => p.split('/').pop()).sort()).toEqual(['evil name.txt', 'small.txt']);
    const bigPath = opened.find((p) => p.endsWith('evil name.txt'))!;
    expect((await readFile(bigPath, 'utf8')).length).toBe(big.length);
    expect(progress).toContainEqual({ name: '../../evil name.txt', loaded: big.length, total: big.length });
    expect(await readdir(t.uploadsDir)).toHaveLength(2);
  });

  it('refuses an unusable name and reports openPaths failures', async () => {
    const bad = await fetch(`${t.origin}/upload?name=..&token=${t.host.token}`, { method: 'PUT', body: 'x' });
    expect(bad.status).toBe(400);
    const missing = await fetch(`${t.origin}/upload?name=missing.txt&token=${t.host.token}`, { method: 'PUT', body: 'x' });
    expect(missing.status).toBe(422);
  });
});

describe('downloads', () => {
  it('serves a finished export started through the host, and nothing else', async () => {
    const statuses: ExportStatus[] = [];
    api.onExport((s) => statuses.push(s));
    const jobId = await api.startExport({ datasetIds: ['ds1'], destination: 'result.h5', layout: 'compound', compression: { kind: 'none' } });
    await expect.poll(() => statuses.find((s) => s.state === 'done')?.downloadUrl).toBe(`/download/${jobId}?token=${t.host.token}`);
    const destination = statuses[0]!.destination;
    expect(destination).toBe(join(t.uploadsDir, 'exports', 'result.h5'));

    const ok = await rawGet(t.host.port, `/download/${jobId}?token=${t.host.token}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('fake hdf5');
    expect(ok.headers['content-disposition']).toBe('attachment; filename="result.h5"');

    expect((await rawGet(t.host.port, `/download/nope?token=${t.host.token}`)).status).toBe(404);
    expect((await rawGet(t.host.port, `/download/${jobId}`)).status).toBe(401);
    // A job the host did not start (another client of the service) stays unreachable even when done.
    t.service.emitExport({ jobId: 'foreign', state: 'done', destination: join(t.root, 'package.json'), bytesWritten: 1, bytesTotal: 1, rate: 0, elapsedSeconds: 0 });
    expect((await rawGet(t.host.port, `/download/foreign?token=${t.host.token}`)).status).toBe(404);
    expect((await rawGet(t.host.port, `/download/..%2fpackage.json?token=${t.host.token}`)).status).toBe(404);
  });
});

describe('openAtStart', () => {
  it('opens the named files once listening, and refuses to start when they cannot be opened', async () => {
    const service = new FakeHostService();
    const options = { service, rendererDir: join(t.root, 'renderer'), uploadsDir: t.uploadsDir, version: 'x' };
    const host = await startBrowserHost({ ...options, openAtStart: ['/data/start.txt'] });
    expect(service.calls).toEqual([{ method: 'openPaths', args: [['/data/start.txt'], undefined] }]);
    await host.close();
    await expect(startBrowserHost({ ...options, openAtStart: ['/data/missing.txt'] })).rejects.toThrow(/no such file/);
  });
});
