// The page adds itself to the process list only where the host did not report a renderer.
import { describe, expect, it } from 'vitest';
import type { MemorySample } from '../../shared/memory.js';
import { withPageMemory } from './page-memory.js';

const sample = (roles: string[]): MemorySample => ({
  time: 0, systemTotalBytes: 1, systemUsedBytes: 1, storeBytes: 0, shmCapacityBytes: 0, shmFreeBytes: 0,
  processes: roles.map((role, i) => ({ pid: i + 1, role, label: role, rssBytes: 10 })),
});
const chromium = { memory: { usedJSHeapSize: 4096 } } as unknown as Performance;

describe('withPageMemory', () => {
  it('adds the page heap when the host listed no renderer', () => {
    const out = withPageMemory(sample(['host', 'loader']), chromium);
    expect(out.processes.map((p) => [p.role, p.rssBytes])).toEqual([['host', 10], ['loader', 10], ['renderer', 4096]]);
  });

  it('keeps the host figure when it has one (Electron), and adds nothing without Chromium heap figures', () => {
    expect(withPageMemory(sample(['host', 'renderer']), chromium).processes).toHaveLength(2);
    expect(withPageMemory(sample(['host']), {} as Performance).processes).toHaveLength(1);
  });
});
