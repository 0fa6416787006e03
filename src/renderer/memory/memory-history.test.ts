// The memory history keeps one minute and yields per-series points.
import { describe, expect, it } from 'vitest';
import type { MemorySample } from '../../shared/memory.js';
import { appendSample, processSeries } from './memory-history.js';

const at = (time: number, rss?: number): MemorySample => ({
  time, systemTotalBytes: 10, systemUsedBytes: 5, storeBytes: 1, shmCapacityBytes: 8, shmFreeBytes: 7,
  processes: rss === undefined ? [] : [{ pid: 7, role: 'loader', label: 'loader · x', rssBytes: rss }],
});

describe('memory-history', () => {
  it('keeps the last minute', () => {
    let h: readonly MemorySample[] = [];
    for (let t = 0; t <= 90_000; t += 1000) h = appendSample(h, at(t));
    expect(h[0]!.time).toBe(31_000);
    expect(h).toHaveLength(60);
  });
  it('follows one process by pid', () => {
    const h = [at(0), at(1000, 50), at(2000, 60)];
    expect(processSeries(h, 7).map((p) => p.value)).toEqual([50, 60]);
  });
});
