// Fault trials over a real Node host (forked workers), shared by the fast tests and `npm run soak`: each returns what it saw, the caller judges.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppService } from '../../../core/app-service.js';
import { forkSpawner } from '../../../core/pool/fork-spawner.js';
import { SegmentStore, type SegmentStoreOptions } from '../../../core/store/segment-store.js';
import type { DatasetInfo } from '../../../shared/dataset.js';
import type { ExportStatus } from '../../../shared/export-request.js';
import { seedLines } from '../../../../scripts/seed-data.js';
import { nodeWorkerEntries } from '../../worker-entries.js';

export function startHost(store: SegmentStoreOptions & { prefix: string }, loaderProcesses = 2): AppService {
  return new AppService({ spawner: forkSpawner(nodeWorkerEntries()), store: SegmentStore.open(store), loaderProcesses, memoryIntervalMs: 60_000 });
}

/** A text file of `blocks` × 100k seed rows (≈ 2.3 MB per block). */
export function writeText(path: string, blocks: number, seed = 1): string {
  writeFileSync(path, `${[...seedLines(100_000, seed)].join('\n')}\n`.repeat(blocks));
  return path;
}

/** Pids of live workers of one role whose label contains `label` ('' = any). */
export function workerPids(service: AppService, role: string, label = ''): Promise<number[]> {
  return new Promise((resolve) => {
    // onMemory answers at once with a fresh sample.
    const off = service.onMemory((m) => resolve(m.processes.filter((p) => p.role === role && p.label.includes(label)).map((p) => p.pid)));
    off();
  });
}

export function datasetState(service: AppService, id: string, want: (d: DatasetInfo) => boolean): Promise<DatasetInfo> {
  return new Promise((resolve) => {
    const check = (list: DatasetInfo[]): boolean => {
      const d = list.find((x) => x.id === id);
      if (!d || !want(d)) return false;
      resolve(d);
      return true;
    };
    const off = service.onDatasets((list) => check(list) && off());
    void service.listDatasets().then((list) => check(list) && off());
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface LoadKillOutcome {
  readonly killed: boolean;
  readonly victim: DatasetInfo;
  readonly bystander: DatasetInfo;
  /** The victim's dataset directory still exists (a leaked segment). */
  readonly leftDir: boolean;
}

/**
 * Loads `big` and `small` side by side, SIGKILLs the loader of `big` `delayMs` after it starts
 * reporting progress, and waits for both to settle.
 */
export async function killDuringLoad(service: AppService, big: string, small: string, delayMs: number): Promise<LoadKillOutcome> {
  const [bigId, smallId] = await service.openPaths([big, small]);
  const dir = service.store.placement(bigId!)?.dir;
  await datasetState(service, bigId!, (d) => d.state !== 'queued');
  await sleep(delayMs);
  const label = big.split('/').pop()!;
  const pids = await workerPids(service, 'loader', label);
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  const [victim, bystander] = await service.idle([bigId!, smallId!]);
  // The store removes a failed load's directory once nobody reads it.
  for (let i = 0; i < 200 && dir && existsSync(dir); i++) await sleep(10);
  const outcome = { killed: pids.length > 0, victim: victim!, bystander: bystander!, leftDir: dir !== undefined && existsSync(dir) };
  await service.close(bigId!);
  await service.close(smallId!);
  return outcome;
}

export interface ExportKillOutcome {
  readonly killed: boolean;
  readonly status: ExportStatus;
  /** Files named after the destination that remain (the destination itself or a temporary). */
  readonly leftovers: string[];
}

/** Starts a slow export of `datasetId` to `destination`, SIGKILLs the exporter once its temporary exists (+ `delayMs`), waits for the outcome. */
export async function killDuringExport(service: AppService, datasetId: string, destination: string, delayMs: number): Promise<ExportKillOutcome> {
  const dir = destination.slice(0, destination.lastIndexOf('/'));
  const name = destination.slice(destination.lastIndexOf('/') + 1);
  const jobId = await service.startExport({ datasetIds: [datasetId], destination, layout: 'compound', compression: { kind: 'gzip', level: 9 }, chunkRows: 4096 });
  const settled = new Promise<ExportStatus>((resolve) => {
    const off = service.onExport((s) => s.jobId === jobId && s.state !== 'running' && (off(), resolve(s)));
  });
  for (let i = 0; i < 6000 && service.exportStatus(jobId)?.state === 'running' && !readdirSync(dir).some((f) => f.startsWith(`.${name}.`)); i++) await sleep(5);
  await sleep(delayMs);
  const pids = service.exportStatus(jobId)?.state === 'running' ? await workerPids(service, 'export') : [];
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  const status = await settled;
  return { killed: pids.length > 0, status, leftovers: readdirSync(dir).filter((f) => f.includes(name)) };
}

/** Entries under /dev/shm (or another root) that belong to `prefix`, with the files inside, minus session markers. */
export function storeFiles(root: string, prefix: string): string[] {
  const out: string[] = [];
  for (const s of readdirSync(root).filter((f) => f.startsWith(prefix))) {
    for (const d of readdirSync(join(root, s), { withFileTypes: true })) {
      if (d.isDirectory()) out.push(...readdirSync(join(root, s, d.name)).map((f) => join(s, d.name, f)));
      else if (d.name !== 'session.json') out.push(join(s, d.name));
    }
  }
  return out;
}
