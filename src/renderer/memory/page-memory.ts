// Adds this page to a memory sample when the host cannot see it (the browser host: the page runs in the user's browser).
import type { MemorySample } from '../../shared/memory.js';

/** Chromium's non-standard heap figures; other browsers have none, and then nothing is added. */
interface ChromiumMemory {
  readonly usedJSHeapSize: number;
}

export function withPageMemory(sample: MemorySample, perf: Performance = performance): MemorySample {
  if (sample.processes.some((p) => p.role === 'renderer')) return sample;
  const memory = (perf as Performance & { memory?: ChromiumMemory }).memory;
  if (!memory) return sample;
  return { ...sample, processes: [...sample.processes, { pid: 0, role: 'renderer', label: 'this page (JS heap)', rssBytes: memory.usedJSHeapSize }] };
}
