// The store's registry: admission to shm or disk, leases and close, and the sweep of sessions whose process died.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { admit, type StatFs } from './admission.js';
import { DatasetWriter } from './dataset-writer.js';
import { SegmentStore } from './segment-store.js';
import { processStartTime, sweepSessions } from './session-sweep.js';

const PREFIX = 'arrayporttest-store';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'arrayport-sdisk-'));
const diskRoot = path.join(scratch, 'disk');
fs.mkdirSync(diskRoot);
const opened: SegmentStore[] = [];
const open = (o: Parameters<typeof SegmentStore.open>[0] = {}) => {
  const s = SegmentStore.open({ prefix: PREFIX, diskRoot, ...o });
  opened.push(s);
  return s;
};
const req = (estimatedBytes: number) => ({ name: 'f.txt', sourcePath: '/f.txt', sourceBytes: 10, format: 'text' as const, estimatedBytes });
const fakeShm = (capacity: number, free: number): StatFs => () => ({ bsize: 4096, blocks: capacity / 4096, bavail: free / 4096 });

afterAll(() => {
  for (const s of opened) s.disposeSync();
  fs.rmSync(scratch, { recursive: true, force: true });
  expect(fs.readdirSync('/dev/shm').filter((n) => n.startsWith(PREFIX))).toEqual([]);
});

describe('admission', () => {
  it('uses shared memory when the estimate fits with 10% / 64 MB to spare, else the disk temp dir, and says why', () => {
    const s = open({ statfs: fakeShm(1.2e9, 1.2e9) });
    const small = s.createDataset(req(100e6));
    expect(small.placement.kind).toBe('shm');
    expect(small.dir.startsWith('/dev/shm/')).toBe(true);
    const big = s.createDataset(req(2.1e9));
    expect(big.placement).toMatchObject({ kind: 'disk' });
    expect(big.placement.reason).toMatch(/^2\.1 GB did not fit in .* free of \/dev\/shm .*; using .*disk$/);
    expect(big.dir.startsWith(diskRoot)).toBe(true);
    expect(s.get(big.id)).toMatchObject({ state: 'loading', rows: 0, store: { kind: 'disk' } });
    expect(fs.existsSync(path.join(s.sessionDir('shm')!, 'session.json'))).toBe(true);
    expect(fs.existsSync(path.join(s.sessionDir('disk')!, 'session.json'))).toBe(true);
  });

  it('counts space promised to running shared-memory loads', () => {
    const s = open({ statfs: fakeShm(10e9, 5e9) });
    expect(s.createDataset(req(3e9)).placement.kind).toBe('shm');
    expect(s.createDataset(req(3e9)).placement.kind).toBe('disk');
  });

  it('falls back when there is no shared-memory filesystem, or it is tiny (a real small directory root)', () => {
    const none = open({ shmRoot: path.join(scratch, 'no-such-dir') });
    expect(none.createDataset(req(1)).placement.reason).toMatch(/there is no .*no-such-dir/);
    expect(none.shmStats()).toEqual({ capacityBytes: 0, freeBytes: 0 });
    expect(admit({ estimatedBytes: 10e6, shmRoot: '/dev/shm', diskRoot: '/tmp', space: { capacityBytes: 64e6, freeBytes: 60e6 } }))
      .toMatchObject({ kind: 'disk' });
    const real = open();
    const stats = real.shmStats();
    expect(stats.capacityBytes).toBeGreaterThan(0);
    expect(real.createDataset(req(stats.freeBytes)).placement.kind).toBe('disk');
  });
});

describe('registry', () => {
  it('close waits for every lease; the directory goes once the last one is released', async () => {
    const s = open();
    const { id, dir } = s.createDataset(req(1000));
    const a = s.lease(id);
    const reader = s.openReader(id);
    let closed = false;
    const done = s.close(id).then(() => (closed = true));
    expect(() => s.lease(id)).toThrow(/closing/);
    a.release();
    a.release();
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(false);
    expect(fs.existsSync(dir)).toBe(true);
    reader.close();
    await done;
    expect(fs.existsSync(dir)).toBe(false);
    expect(s.get(id)).toBeUndefined();
  });

  it('removes files a newer manifest no longer lists, but only when no lease holds them', () => {
    const s = open();
    const { id, dir } = s.createDataset(req(1000));
    const w = new DatasetWriter(dir);
    w.begin([{ name: 'v', dtype: '<i4', reason: '' }]);
    w.append(3, [{ kind: 'fixed', data: Int32Array.of(1, 2, 3) }]);
    w.commit();
    expect(s.refresh(id)?.rows).toBe(3);
    const lease = s.lease(id);
    w.widen(0, '<f8', 'x');
    s.refresh(id);
    expect(fs.existsSync(path.join(dir, 'v.npy'))).toBe(true);
    lease.release();
    expect(fs.existsSync(path.join(dir, 'v.npy'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'v.g1.npy'))).toBe(true);
    w.finish();
    expect(s.refresh(id)?.state).toBe('ready');
    expect(s.datasetBytes(id)).toBe(fs.statSync(path.join(dir, 'v.g1.npy')).size + fs.statSync(path.join(dir, 'manifest.json')).size);
    expect(s.storeBytes()).toBe(s.datasetBytes(id));
  });

  it('a host marks a killed worker\'s dataset failed; dispose removes both session directories', async () => {
    const s = open({ statfs: fakeShm(1e9, 0.5e9) });
    const a = s.createDataset(req(1));
    const b = s.createDataset(req(1e12));
    expect(s.markFailed(a.id, { file: '/f.txt', message: 'loader crashed' })).toMatchObject({ state: 'failed' });
    const dirs = [s.sessionDir('shm')!, s.sessionDir('disk')!];
    s.lease(b.id);
    await s.dispose();
    for (const d of dirs) expect(fs.existsSync(d)).toBe(false);
  });
});

describe('sweep', () => {
  it('removes the sessions of a SIGKILLed store process under both roots on the next open', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./session-child.fixture.ts', import.meta.url)), '/dev/shm', diskRoot, PREFIX], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    const [shmDir, diskDir] = JSON.parse(line) as [string, string];
    expect(shmDir.startsWith(`/dev/shm/${PREFIX}-${child.pid}-`)).toBe(true);
    expect(diskDir.startsWith(path.join(diskRoot, `${PREFIX}-${child.pid}-`))).toBe(true);
    expect(fs.existsSync(shmDir)).toBe(true);
    const alive = open();
    expect(alive.swept).toEqual([]);
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    const next = open();
    expect([...next.swept].sort()).toEqual([path.dirname(shmDir), path.dirname(diskDir)].sort());
    expect(fs.existsSync(shmDir)).toBe(false);
    expect(fs.existsSync(diskDir)).toBe(false);
  });

  it('treats a reused pid (different start time) as dead and leaves live sessions and other names alone', () => {
    const root = fs.mkdtempSync(path.join(scratch, 'sweep-'));
    const mk = (name: string, info?: object) => {
      fs.mkdirSync(path.join(root, name));
      if (info) fs.writeFileSync(path.join(root, name, 'session.json'), JSON.stringify(info));
    };
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    mk(`p-${process.pid}-reused`, { pid: process.pid, processStartTime: '1', created: '' });
    mk(`p-${process.pid}-live`, { pid: process.pid, processStartTime: processStartTime(process.pid), created: '' });
    mk(`p-${process.pid}-starting`);
    mk(`p-${dead}-dead`);
    mk(`p-x-${dead}-other`);
    mk('unrelated');
    expect(sweepSessions(root, 'p').map((d) => path.basename(d)).sort()).toEqual([`p-${dead}-dead`, `p-${process.pid}-reused`].sort());
    expect(fs.readdirSync(root).sort()).toEqual([`p-${process.pid}-live`, `p-${process.pid}-starting`, `p-x-${dead}-other`, 'unrelated'].sort());
  });
});
