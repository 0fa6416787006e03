// Memory of the Electron app's processes and of the machine, for the memory gauge (Electron reports KB; we report bytes).
import { app } from 'electron';
import type { ProcessMemory } from '../shared/memory.js';
import type { WorkerTag } from './utility-spawner.js';

const KB = 1024;

/**
 * One entry per process of the app, workers named by the spawner's live map (matched by pid).
 * workingSetSize double-counts shared pages, so the sum is an approximation; store segments on
 * tmpfs are in no process's working set and are counted by the store instead.
 */
export function electronProcessMemory(workers: ReadonlyMap<number, WorkerTag> = new Map()): ProcessMemory[] {
  return app.getAppMetrics().map((metric) => {
    const rssBytes = metric.memory.workingSetSize * KB;
    const worker = workers.get(metric.pid);
    if (worker !== undefined) return { pid: metric.pid, role: worker.kind, label: `${worker.kind} · ${worker.label}`, rssBytes };
    switch (metric.type) {
      case 'Browser':
        return { pid: metric.pid, role: 'host', label: 'main', rssBytes };
      case 'Tab':
        return { pid: metric.pid, role: 'renderer', label: 'window', rssBytes };
      case 'GPU':
        return { pid: metric.pid, role: 'gpu', label: 'GPU', rssBytes };
      default:
        return { pid: metric.pid, role: metric.type.toLowerCase(), label: metric.name ?? metric.type, rssBytes };
    }
  });
}

/** total − available where the OS reports available (Linux MemAvailable), else total − free. */
export function electronSystemMemory(): { totalBytes: number; usedBytes: number } {
  const info = process.getSystemMemoryInfo();
  const available = (info as { available?: number }).available ?? info.free;
  return { totalBytes: info.total * KB, usedBytes: (info.total - available) * KB };
}
