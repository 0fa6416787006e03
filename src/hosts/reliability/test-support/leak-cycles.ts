// Load/close cycles on one host, measuring what stays behind: store bytes, files in the session, host RSS.
import type { AppService } from '../../../core/app-service.js';
import { storeFiles } from './fault-harness.js';

export interface CycleFigures {
  readonly cycles: number;
  /** Store bytes after the last close (must be 0). */
  readonly bytesLeft: number;
  /** Segment files still in the session directories after the last close. */
  readonly filesLeft: string[];
  readonly rssAfterFirst: number;
  readonly rssAfterLast: number;
  /** (last − first) / first. */
  readonly rssGrowth: number;
}

/** Opens `files`, waits until loaded, reads a window of each, closes them all; `cycles` times. */
export async function loadCloseCycles(service: AppService, files: readonly string[], cycles: number, shmRoot = '/dev/shm'): Promise<CycleFigures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  let rssAfterFirst = 0;
  for (let k = 0; k < cycles; k++) {
    const ids = await service.openPaths(files);
    const done = await service.idle(ids);
    const bad = done.find((d) => d.state !== 'ready');
    if (bad) throw new Error(`cycle ${k}: ${bad.name} is ${bad.state}: ${bad.error?.message ?? ''}`);
    for (const id of ids) await service.readWindow(id, 0, 100);
    for (const id of ids) await service.close(id);
    // Without --expose-gc the heap's own growth until the next collection would count as a leak.
    gc?.();
    if (k === 0) rssAfterFirst = process.memoryUsage().rss;
  }
  const rssAfterLast = process.memoryUsage().rss;
  return {
    cycles,
    bytesLeft: service.store.storeBytes(),
    filesLeft: storeFiles(shmRoot, service.store.prefix),
    rssAfterFirst,
    rssAfterLast,
    rssGrowth: (rssAfterLast - rssAfterFirst) / rssAfterFirst,
  };
}
