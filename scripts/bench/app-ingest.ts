// Child process of the ingest bench: the built host's AppService (loader pool of 2 processes, store in /dev/shm) loads one
// file twice, closing it in between; prints { cold, warm, rows, columns }: seconds from openPaths to 'ready'.
// `cold` includes starting the pool's worker process, as the first drop into a fresh host does; `warm` reuses it.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as AppServiceModule from '../../src/core/app-service.js';
import type * as ForkSpawnerModule from '../../src/core/pool/fork-spawner.js';
import type * as WorkerEntriesModule from '../../src/hosts/worker-entries.js';

const built = (rel: string): string => pathToFileURL(join(import.meta.dirname, '../../out/node', rel)).href;
const { AppService } = (await import(built('core/app-service.js'))) as typeof AppServiceModule;
const { forkSpawner } = (await import(built('core/pool/fork-spawner.js'))) as typeof ForkSpawnerModule;
const { nodeWorkerEntries } = (await import(built('hosts/worker-entries.js'))) as typeof WorkerEntriesModule;

const file = process.argv[2];
if (!file) throw new Error('usage: app-ingest.ts FILE');
const service = new AppService({ spawner: forkSpawner(nodeWorkerEntries()), loaderProcesses: 2 });
try {
  const once = async (): Promise<{ seconds: number; rows: number; columns: string }> => {
    const t0 = performance.now();
    const [id] = await service.openPaths([file]);
    const [info] = await service.idle([id!]);
    const seconds = (performance.now() - t0) / 1000;
    if (info?.state !== 'ready') throw new Error(`load ended ${info?.state}: ${info?.error?.message ?? ''}`);
    await service.close(id!);
    return { seconds, rows: info.rows, columns: info.columns.map((c) => c.dtype).join(' ') };
  };
  const cold = await once();
  const warm = await once();
  console.log(JSON.stringify({ cold: cold.seconds, warm: warm.seconds, rows: warm.rows, dtypes: warm.columns }));
} finally {
  await service.dispose();
}
