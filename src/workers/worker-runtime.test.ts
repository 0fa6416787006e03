// The worker pool over real forked processes: results, progress, errors, cancel by kill, crashes and queueing.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError, LoadError } from '../core/load-error.js';
import { forkSpawner } from '../core/pool/fork-spawner.js';
import { WorkerGoneError, WorkerPool } from '../core/pool/worker-pool.js';
import type { probeApi } from './test-support/probe.worker.js';

const probePath = fileURLToPath(new URL('./test-support/probe.worker.ts', import.meta.url));
const entry = { path: probePath, execArgv: ['--import', 'tsx'] };
const spawner = forkSpawner({ loader: entry, export: entry, h5reader: entry, compute: entry });
let pool: WorkerPool<typeof probeApi> | undefined;
const makePool = (size: number): WorkerPool<typeof probeApi> => (pool = new WorkerPool<typeof probeApi>(spawner, 'loader', size));
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterEach(() => pool?.dispose());

describe('WorkerPool', () => {
  it('runs a job in another process and relays progress', async () => {
    const steps: number[] = [];
    const r = await makePool(1).run('echo', { value: 21 }, { label: 'a', onProgress: (p) => steps.push(p.step) });
    expect(r.value).toBe(42);
    expect(r.pid).not.toBe(process.pid);
    expect(steps).toEqual([1, 2, 3]);
  });

  it('turns a worker LoadError into a LoadError with file, line and column', async () => {
    const err = await makePool(1).run('fail', { line: 7 }, { label: 'a' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoadError);
    expect((err as LoadError).message).toBe("x.txt:7:3: bad value: 'zzz'");
  });

  it('cancels by killing the process, then serves the next job from a fresh one', async () => {
    const p = makePool(1);
    const ac = new AbortController();
    let pid = 0;
    const hung = p.run('hang', {}, { label: 'h', signal: ac.signal, onProgress: (x) => ((pid = x.pid), ac.abort()) });
    await expect(hung).rejects.toBeInstanceOf(CancelledError);
    await expect.poll(() => alive(pid)).toBe(false);
    const r = await p.run('echo', { value: 1 }, { label: 'b' });
    expect(r.pid).not.toBe(pid);
  });

  it('reports a killed worker as gone and keeps serving other jobs', async () => {
    const p = makePool(2);
    const hung = p.run('hang', {}, { label: 'h', onProgress: (x) => process.kill(x.pid, 'SIGKILL') });
    const other = p.run('echo', { value: 5 }, { label: 'o' });
    const err = await hung.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerGoneError);
    expect((err as Error).message).toMatch(/killed/);
    expect((await other).value).toBe(10);
    expect((await p.run('echo', { value: 2 }, { label: 'n' })).value).toBe(4);
  });

  it('queues jobs beyond its size and runs them all', async () => {
    const p = makePool(2);
    const results = await Promise.all([1, 2, 3, 4, 5].map((v) => p.run('echo', { value: v }, { label: `j${v}` })));
    expect(results.map((r) => r.value)).toEqual([2, 4, 6, 8, 10]);
    expect(new Set(results.map((r) => r.pid)).size).toBeLessThanOrEqual(2);
  });

  it('warm() starts a process before any job, runs the first job on it and starts another a moment later', async () => {
    const spawned: number[] = [];
    const counting = { spawn: (kind: Parameters<typeof spawner.spawn>[0], label: string) => {
      const p = spawner.spawn(kind, label);
      spawned.push(p.pid!);
      return p;
    } };
    const p = (pool = new WorkerPool<typeof probeApi>(counting, 'loader', 2));
    p.warm();
    expect(spawned).toHaveLength(1);
    expect(p.processes().map((w) => w.busy)).toEqual([false]);
    const first = await p.run('echo', { value: 1 }, { label: 'a' });
    expect(first.pid).toBe(spawned[0]);
    // A long job takes the warm process; its replacement starts a moment later, not at once (its start-up would
    // compete with the job's first rows).
    let busyPid = 0;
    const hung = p.run('hang', {}, { label: 'h', onProgress: (x) => (busyPid = x.pid) }).catch(() => undefined);
    await expect.poll(() => busyPid).toBe(spawned[0]);
    expect(spawned).toHaveLength(1);
    await expect.poll(() => spawned.length, { timeout: 5000 }).toBe(2);
    expect(p.processes().filter((w) => !w.busy).map((w) => w.pid)).toEqual([spawned[1]]);
    await p.dispose();
    await hung;
  });

  it('a warm pool replaces a process killed by cancel before the next job arrives', async () => {
    const p = makePool(1);
    p.warm();
    const ac = new AbortController();
    let hungPid = 0;
    await p.run('hang', {}, { label: 'h', signal: ac.signal, onProgress: (x) => ((hungPid = x.pid), ac.abort()) }).catch(() => undefined);
    await expect.poll(() => p.processes().filter((w) => !w.busy && w.pid !== hungPid).length).toBe(1);
  });

  it('dispose() resolves once every worker process has exited', async () => {
    const p = makePool(2);
    p.warm(2);
    const pids = p.processes().map((w) => w.pid!);
    const hung = p.run('hang', {}, { label: 'h' }).catch(() => undefined);
    await expect.poll(() => p.processes().some((w) => w.busy)).toBe(true);
    await p.dispose();
    expect(pids.filter(alive)).toEqual([]);
    await hung;
  });
});
