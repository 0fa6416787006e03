// The memory picture the window shows about once a second: the machine, the store against its filesystem, every process.

import type { Unsubscribe } from '../shared/app-api.js';
import type { MemorySample, ProcessMemory } from '../shared/memory.js';
import { Listeners } from './listeners.js';
import { processRss, systemMemory } from './memory-sampler.js';
import type { SegmentStore } from './store/segment-store.js';

export interface MemorySources {
  readonly store: SegmentStore;
  /** Worker processes of this host, by role and label (their RSS is read from /proc unless `processMemory` is given). */
  readonly workers: () => readonly { pid: number | undefined; role: string; label: string }[];
  /** Every process of the app with its memory (Electron: app.getAppMetrics); replaces host + workers from /proc. */
  readonly processMemory?: () => ProcessMemory[];
  /** The machine's memory (Electron: process.getSystemMemoryInfo); /proc/meminfo by default. */
  readonly systemMemory?: () => { totalBytes: number; usedBytes: number };
}

export class MemoryMonitor {
  private readonly listeners = new Listeners<MemorySample>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly sources: MemorySources, intervalMs = 1000) {
    // Sampling costs a statfs, a readdir per dataset and a /proc read per worker: only while someone watches.
    this.timer = setInterval(() => this.listeners.size > 0 && this.listeners.emit(this.sample()), intervalMs);
    this.timer.unref();
  }

  /** Subscribes and answers at once with a fresh sample. */
  subscribe(listener: (sample: MemorySample) => void): Unsubscribe {
    const off = this.listeners.add(listener);
    listener(this.sample());
    return off;
  }

  /** Pushes a sample now (after a close frees segments, the gauge should not wait for the next tick). */
  nudge(): void {
    if (this.listeners.size > 0) this.listeners.emit(this.sample());
  }

  stop(): void {
    clearInterval(this.timer);
  }

  sample(): MemorySample {
    const system = (this.sources.systemMemory ?? systemMemory)();
    const shm = this.sources.store.shmStats();
    return {
      time: Date.now(),
      systemTotalBytes: system.totalBytes,
      systemUsedBytes: system.usedBytes,
      storeBytes: this.sources.store.storeBytes(),
      shmCapacityBytes: shm.capacityBytes,
      shmFreeBytes: shm.freeBytes,
      processes: this.sources.processMemory?.() ?? this.nodeProcesses(),
    };
  }

  private nodeProcesses(): ProcessMemory[] {
    const workers = this.sources.workers().flatMap((w) => {
      const rss = w.pid !== undefined ? processRss(w.pid) : undefined;
      return rss === undefined ? [] : [{ pid: w.pid!, role: w.role, label: w.label, rssBytes: rss }];
    });
    return [{ pid: process.pid, role: 'host', label: 'host', rssBytes: process.memoryUsage.rss() }, ...workers];
  }
}
