// Memory readings agree with what the kernel and Node report independently.
import { execFileSync, spawn } from 'node:child_process';
import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { processRss, systemMemory } from './memory-sampler.js';

describe('memory sampler', () => {
  it('reports used memory between 0 and total', () => {
    const m = systemMemory();
    expect(m.totalBytes).toBe(totalmem());
    expect(m.usedBytes).toBeGreaterThan(0);
    expect(m.usedBytes).toBeLessThan(m.totalBytes);
  });

  it('reads another process RSS close to what ps reports', async () => {
    const child = spawn(process.execPath, ['-e', 'const b = Buffer.alloc(64 << 20, 1); console.log("ready"); setInterval(() => b[0]++, 1000)']);
    // Measure only once the child has touched its 64 MB (a loaded machine may take a while to start it).
    await new Promise((r) => child.stdout.once('data', r));
    const rss = processRss(child.pid!)!;
    const psKb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(child.pid)]).toString().trim());
    child.kill('SIGKILL');
    expect(rss).toBeGreaterThan(64 << 20);
    expect(Math.abs(rss - psKb * 1024)).toBeLessThan(8 << 20);
    expect(processRss(2 ** 22 + 12345)).toBeUndefined();
  });
});
