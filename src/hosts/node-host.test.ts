// The Node host stack end to end: AppService over forked loader processes, the segment store and row windows.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppService } from '../core/app-service.js';
import { forkSpawner } from '../core/pool/fork-spawner.js';
import { SegmentStore } from '../core/store/segment-store.js';
import { seedLines, writeSeedFile } from '../../scripts/seed-data.js';
import { nodeWorkerEntries } from './worker-entries.js';

const ROWS = 200_000;
let dir: string;
let service: AppService;
let store: SegmentStore;
const prefix = `arrayport-test-host-${process.pid}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arrayport-host-'));
  await writeSeedFile(join(dir, 'a.tsv'), ROWS, 1);
  await writeSeedFile(join(dir, 'b.tsv'), ROWS, 2);
  writeFileSync(join(dir, 'bad.tsv'), 'chr1\t10\t1.5\t1\t2\nchr1\t11\tabc\t1\t2\t9\n');
  store = SegmentStore.open({ prefix });
  service = new AppService({ spawner: forkSpawner(nodeWorkerEntries()), store, loaderProcesses: 2 });
});

afterAll(async () => {
  await service.dispose();
  rmSync(dir, { recursive: true, force: true });
  expect(readdirSync('/dev/shm').filter((f) => f.startsWith(prefix))).toEqual([]);
});

const lines = (seed: number): string[][] => [...seedLines(ROWS, seed)].map((l) => l.split('\t'));

describe('Node host', () => {
  it('loads two files in parallel, one bad file fails alone, windows match the text', async () => {
    const ids = await service.openPaths([join(dir, 'a.tsv'), join(dir, 'b.tsv'), join(dir, 'bad.tsv')]);
    const done = await service.idle(ids);
    expect(done.map((d) => d.state)).toEqual(['ready', 'ready', 'failed']);
    expect(done[2]!.error).toMatchObject({ line: 2, file: join(dir, 'bad.tsv') });
    expect(done[2]!.storeBytes).toBe(0);
    for (const [i, seed] of [[0, 1], [1, 2]] as const) {
      const info = done[i]!;
      expect(info.rows).toBe(ROWS);
      expect(info.columns.map((c) => c.dtype)).toEqual(['|S5', '<i4', '<f8', '<i4', '<i4']);
      const truth = lines(seed);
      for (const first of [0, ROWS - 3]) {
        const w = await service.readWindow(info.id, first, 3);
        for (let r = 0; r < w.rowCount; r++) {
          const t = truth[first + r]!;
          expect(w.columns[0]!.data.values[r]).toBe(t[0]);
          expect(w.columns[1]!.data.values[r]).toBe(Number(t[1]));
          expect(w.columns[2]!.data.values[r]).toBe(Number(t[2]));
        }
      }
    }
  });

  it('answers firstWindow with the first rows while the file still loads, and refuses for a failed load', async () => {
    const [id, bad] = await service.openPaths([join(dir, 'a.tsv'), join(dir, 'bad.tsv')]);
    // Asked before any row exists: the answer waits for the first commit instead of coming back empty.
    const w = await service.firstWindow(id!, 1000);
    expect(w.firstRow).toBe(0);
    expect(w.rowCount).toBe(1000);
    expect(w.columns.map((c) => c.name)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
    const truth = lines(1);
    for (const r of [0, 999]) {
      expect(w.columns[0]!.data.values[r]).toBe(truth[r]![0]);
      expect(w.columns[2]!.data.values[r]).toBe(Number(truth[r]![2]));
    }
    await expect(service.firstWindow(bad!, 1000)).rejects.toThrow(/bad\.tsv was not loaded/);
    await expect(service.firstWindow('nope', 1000)).rejects.toThrow(/not open/);
    await service.idle([id!, bad!]);
    // Answered at once when the table is whole.
    await expect(service.firstWindow(id!, 10)).resolves.toMatchObject({ rowCount: 10, totalRows: ROWS });
    await service.close(id!);
    await service.close(bad!);
  });

  it('frees the store bytes when datasets close', async () => {
    const before = (await service.listDatasets()).filter((d) => d.state === 'ready');
    expect(store.storeBytes()).toBeGreaterThan(ROWS * 4 * 4);
    for (const d of await service.listDatasets()) await service.close(d.id);
    expect(before.length).toBe(2);
    expect(store.storeBytes()).toBe(0);
    expect(await service.listDatasets()).toEqual([]);
  });

  it('cancels a running load and removes its segments', async () => {
    const big = join(dir, 'big.tsv');
    // Long enough to still be loading when the cancel arrives: the same block, written many times.
    writeFileSync(big, `${[...seedLines(100_000, 3)].join('\n')}\n`.repeat(40));
    const [id] = await service.openPaths([big]);
    await new Promise<void>((resolve) => {
      const off = service.onDatasets((list) => {
        if (list.find((d) => d.id === id)?.state === 'loading') {
          off();
          resolve();
        }
      });
    });
    await service.cancel(id!);
    const [info] = await service.idle([id!]);
    expect(info!.state).toBe('cancelled');
    await expect.poll(() => store.storeBytes()).toBe(0);
    await service.close(id!);
  });

  it('survives a killed export worker: no file at the destination, no temporary, the next export works', { timeout: 180_000 }, async () => {
    const src = join(dir, 'exp.tsv');
    writeFileSync(src, `${[...seedLines(100_000, 4)].join('\n')}\n`.repeat(15));
    const [id] = await service.openPaths([src]);
    expect((await service.idle([id!]))[0]!.state).toBe('ready');
    const destination = join(dir, 'killed.h5');
    // gzip 9 on tiny chunks keeps the writer busy long enough to be killed mid-write.
    const jobId = await service.startExport({ datasetIds: [id!], destination, layout: 'compound', compression: { kind: 'gzip', level: 9 }, chunkRows: 4096 });
    const failed = new Promise<string>((resolve) => {
      service.onExport((s) => s.jobId === jobId && s.state !== 'running' && resolve(s.error ?? s.state));
    });
    // Mid-write: the writer's temporary file exists beside the destination.
    await expect.poll(() => readdirSync(dir).some((f) => f.startsWith('.killed.h5.') && f.endsWith('.partial')), { interval: 10, timeout: 60_000 }).toBe(true);
    const exporter = await new Promise<number>((resolve) => {
      // onMemory answers at once with a fresh sample.
      const off = service.onMemory((m) => resolve(m.processes.find((p) => p.role === 'export')!.pid));
      off();
    });
    process.kill(exporter, 'SIGKILL');
    expect(await failed).toMatch(/export process ended unexpectedly \(killed/);
    expect(existsSync(destination)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('killed.h5'))).toEqual([]);
    const again = await service.startExport({ datasetIds: [id!], destination, layout: 'compound', compression: { kind: 'none' } });
    await expect.poll(() => service.exportStatus(again)?.state, { timeout: 60_000 }).toBe('done');
    expect(existsSync(destination)).toBe(true);
    await service.close(id!);
  });
});
