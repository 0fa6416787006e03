// The environment workers start with (workerEnv), and that a forked worker really gets it.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forkEarly, forkSpawner, type ForkEntry } from './fork-spawner.js';
import { workerEnv, type WorkerKind } from './spawn.js';

describe('workerEnv', () => {
  it('drops NODE_EXTRA_CA_CERTS and keeps everything else', () => {
    const host = { PATH: '/usr/bin', HOME: '/root', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt' };
    expect(workerEnv(host, 'loader')).toEqual({ PATH: '/usr/bin', HOME: '/root' });
  });

  it("adds the kind's own variables (compute: huge pages for malloc) without changing the host's object", () => {
    const host = { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: 'x' };
    expect(workerEnv(host, 'compute')).toEqual({ PATH: '/usr/bin', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
    expect(host).toEqual({ PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: 'x' });
  });
});

/** Runs `body` with worker entries that all point at one script holding `code`, removed afterwards. */
async function withEntries(code: string, body: (entries: Record<WorkerKind, ForkEntry>) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'arrayport-entry-'));
  const entry = join(dir, 'entry.mjs');
  writeFileSync(entry, code);
  try {
    await body({ loader: { path: entry }, export: { path: entry }, h5reader: { path: entry }, compute: { path: entry } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('forkSpawner', () => {
  it('starts a worker with workerEnv: no NODE_EXTRA_CA_CERTS, its kind\'s variables', async () => {
    const saved = process.env.NODE_EXTRA_CA_CERTS;
    process.env.NODE_EXTRA_CA_CERTS = '/nonexistent/bundle.pem';
    process.env.ARRAYPORT_TEST_MARKER = 'kept';
    try {
      await withEntries("process.send({ certs: process.env.NODE_EXTRA_CA_CERTS ?? null, tunables: process.env.GLIBC_TUNABLES ?? null, marker: process.env.ARRAYPORT_TEST_MARKER ?? null });\n", async (entries) => {
        const spawner = forkSpawner(entries);
        const seen = await Promise.all((['loader', 'compute'] as const).map((kind) => new Promise<unknown>((resolve) => {
          const child = spawner.spawn(kind, 'env-test');
          child.onMessage((m) => {
            child.kill();
            resolve(m);
          });
        })));
        expect(seen).toEqual([
          { certs: null, tunables: null, marker: 'kept' },
          { certs: null, tunables: 'glibc.malloc.hugetlb=1', marker: 'kept' },
        ]);
      });
    } finally {
      if (saved === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
      else process.env.NODE_EXTRA_CA_CERTS = saved;
      delete process.env.ARRAYPORT_TEST_MARKER;
    }
  });

  it('hands out a process forked ahead of time first, with the messages it sent before anyone listened, then forks its own', async () => {
    await withEntries('process.send({ pid: process.pid, label: process.argv[2] });\n', async (entries) => {
      const early = forkEarly(entries, 'loader');
      // Its message arrives before anyone listens, as a worker's 'ready' can while the host still loads.
      await new Promise((r) => setTimeout(r, 300));
      const started = { loader: [early] };
      const spawner = forkSpawner(entries, started);
      const reply = (kind: 'loader', label: string) => new Promise<{ pid: number; label: string; child: number | undefined }>((resolve) => {
        const child = spawner.spawn(kind, label);
        child.onMessage((m) => {
          child.kill();
          resolve({ ...(m as { pid: number; label: string }), child: child.pid });
        });
      });
      const first = await reply('loader', 'first');
      expect(first).toEqual({ pid: early.pid, label: 'idle', child: early.pid });
      expect(started.loader).toEqual([]);
      const second = await reply('loader', 'second');
      expect(second.label).toBe('second');
      expect(second.pid).not.toBe(early.pid);
    });
  });

  it('reports the exit of a process forked ahead of time that ended before the pool listened', async () => {
    await withEntries('process.exit(3);\n', async (entries) => {
      const early = forkEarly(entries, 'loader');
      await new Promise((r) => early.once('exit', r));
      const child = forkSpawner(entries, { loader: [early] }).spawn('loader', 'late');
      expect(child.pid).toBe(early.pid);
      const exit = await new Promise((resolve) => child.onExit(resolve));
      expect(exit).toEqual({ code: 3, reason: 'abnormal-exit' });
    });
  });
});
