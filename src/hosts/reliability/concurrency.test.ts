// Close during export waits for the export's reads; two exports to one destination are refused, or (from two hosts) each lands whole.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppService } from '../../core/app-service.js';
import { startHost, writeText } from './test-support/fault-harness.js';

const prefix = `arrayport-test-conc-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'arrayport-conc-'));
let a: AppService;
let b: AppService;
let file: string;
beforeAll(() => {
  a = startHost({ prefix });
  b = startHost({ prefix });
  file = writeText(join(dir, 'c.tsv'), 1, 6);
});
afterAll(async () => {
  await a.dispose();
  await b.dispose();
  rmSync(dir, { recursive: true, force: true });
  expect(readdirSync('/dev/shm').filter((f) => f.startsWith(prefix))).toEqual([]);
});

const HDF5_SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
const slow = { layout: 'compound', compression: { kind: 'gzip', level: 9 }, chunkRows: 4096 } as const;

async function loaded(s: AppService): Promise<string> {
  const [id] = await s.openPaths([file]);
  expect((await s.idle([id!]))[0]!.state).toBe('ready');
  return id!;
}

describe('concurrency', () => {
  it('closing a dataset during its export waits for the export; the export completes and then the segments go', { timeout: 90_000 }, async () => {
    const id = await loaded(a);
    const dir0 = a.store.placement(id)!.dir;
    const jobId = await a.startExport({ datasetIds: [id], destination: join(dir, 'during-close.h5'), ...slow });
    let closed = false;
    const closing = a.close(id).then(() => (closed = true));
    // The dataset is gone from the list at once and refuses new readers, but its files stay for the export.
    await expect(a.readWindow(id, 0, 1)).rejects.toThrow(/not open|closing/);
    expect(existsSync(dir0)).toBe(true);
    await expect.poll(() => a.exportStatus(jobId)?.state, { timeout: 80_000 }).not.toBe('running');
    expect(a.exportStatus(jobId)).toMatchObject({ state: 'done' });
    await closing;
    expect(closed).toBe(true);
    expect(existsSync(dir0)).toBe(false);
    expect(readFileSync(join(dir, 'during-close.h5')).subarray(0, 8)).toEqual(HDF5_SIGNATURE);
  });

  it('a second export to a running export’s destination is refused; two hosts exporting there each land a whole file', { timeout: 120_000 }, async () => {
    const [ia, ib] = [await loaded(a), await loaded(b)];
    const destination = join(dir, 'same.h5');
    const first = await a.startExport({ datasetIds: [ia], destination, ...slow });
    await expect(a.startExport({ datasetIds: [ia], destination, layout: 'compound', compression: { kind: 'none' } })).rejects.toThrow(/already running/);
    // Another process cannot be refused; each writes its own temporary and renames it whole.
    const second = await b.startExport({ datasetIds: [ib], destination, layout: 'columns', compression: { kind: 'none' } });
    await expect.poll(() => [a.exportStatus(first)?.state, b.exportStatus(second)?.state], { timeout: 110_000 }).toEqual(['done', 'done']);
    const sizes = [a.exportStatus(first)!.fileBytes, b.exportStatus(second)!.fileBytes];
    expect(sizes).toContain(statSync(destination).size);
    expect(readFileSync(destination).subarray(0, 8)).toEqual(HDF5_SIGNATURE);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    await a.close(ia);
    await b.close(ib);
  });
});
