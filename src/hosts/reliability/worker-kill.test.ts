// SIGKILLed workers mid-load and mid-export: the host lives on, the job fails clearly, the other job finishes, nothing is left behind.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppService } from '../../core/app-service.js';
import { killDuringExport, killDuringLoad, startHost, storeFiles, writeText } from './test-support/fault-harness.js';

const TRIALS = 10;
/** Each export trial starts a fresh export process (~0.6 s under tsx, h5wasm loaded untouched); the soak runs 100. */
const EXPORT_TRIALS = 10;
const prefix = `arrayport-test-wkill-${process.pid}`;
let dir: string;
let service: AppService;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'arrayport-wkill-'));
  service = startHost({ prefix });
});
afterAll(async () => {
  await service.dispose();
  rmSync(dir, { recursive: true, force: true });
  expect(readdirSync('/dev/shm').filter((f) => f.startsWith(prefix))).toEqual([]);
});

describe('a worker killed with SIGKILL', () => {
  it(`mid-load, ${TRIALS} trials: the load fails with a clear message, the other load finishes, no segment remains`, { timeout: 120_000 }, async () => {
    const big = writeText(join(dir, 'victim.tsv'), 30);
    const small = writeText(join(dir, 'bystander.tsv'), 1, 2);
    for (let k = 0; k < TRIALS; k++) {
      const o = await killDuringLoad(service, big, small, (k * 37) % 150);
      expect(o.killed, `trial ${k}`).toBe(true);
      expect(o.victim.state).toBe('failed');
      expect(o.victim.error?.message).toMatch(/loader process ended unexpectedly \(killed/);
      expect(o.victim.storeBytes).toBe(0);
      expect(o.leftDir).toBe(false);
      expect(o.bystander.state).toBe('ready');
      expect(o.bystander.rows).toBe(100_000);
    }
    expect(storeFiles('/dev/shm', prefix)).toEqual([]);
    // Every trial after the first needed a replacement for the killed worker; one more load shows the pool is whole.
    const [id] = await service.openPaths([small]);
    expect((await service.idle([id!]))[0]).toMatchObject({ state: 'ready', rows: 100_000 });
    await service.close(id!);
  });

  it(`mid-export, ${EXPORT_TRIALS} trials: the export fails, no destination and no temporary remain, the next export works`, { timeout: 300_000 }, async () => {
    const [id] = await service.openPaths([writeText(join(dir, 'exp.tsv'), 8, 4)]);
    expect((await service.idle([id!]))[0]!.state).toBe('ready');
    const out = join(dir, 'out');
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out);
    for (let k = 0; k < EXPORT_TRIALS; k++) {
      const o = await killDuringExport(service, id!, join(out, `k${k}.h5`), (k * 53) % 200);
      expect(o.killed, `trial ${k}: ${o.status.state}`).toBe(true);
      expect(o.status.state).toBe('failed');
      expect(o.status.error).toMatch(/export process ended unexpectedly \(killed/);
      expect(o.leftovers).toEqual([]);
    }
    const again = await service.startExport({ datasetIds: [id!], destination: join(out, 'ok.h5'), layout: 'compound', compression: { kind: 'none' } });
    await expect.poll(() => service.exportStatus(again)?.state, { timeout: 60_000 }).toBe('done');
    expect(readdirSync(out)).toEqual(['ok.h5']);
    await service.close(id!);
    expect(service.store.storeBytes()).toBe(0);
  });
});
