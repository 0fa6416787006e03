// The environment workers start with (workerEnv), and that a forked worker really gets it.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forkSpawner } from './fork-spawner.js';
import { workerEnv } from './spawn.js';

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

describe('forkSpawner', () => {
  it('starts a worker with workerEnv: no NODE_EXTRA_CA_CERTS, its kind\'s variables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arrayport-env-'));
    const entry = join(dir, 'env.mjs');
    writeFileSync(entry, "process.send({ certs: process.env.NODE_EXTRA_CA_CERTS ?? null, tunables: process.env.GLIBC_TUNABLES ?? null, marker: process.env.ARRAYPORT_TEST_MARKER ?? null });\n");
    const saved = process.env.NODE_EXTRA_CA_CERTS;
    process.env.NODE_EXTRA_CA_CERTS = '/nonexistent/bundle.pem';
    process.env.ARRAYPORT_TEST_MARKER = 'kept';
    try {
      const spawner = forkSpawner({ loader: { path: entry }, export: { path: entry }, h5reader: { path: entry }, compute: { path: entry } });
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
    } finally {
      if (saved === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
      else process.env.NODE_EXTRA_CA_CERTS = saved;
      delete process.env.ARRAYPORT_TEST_MARKER;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
