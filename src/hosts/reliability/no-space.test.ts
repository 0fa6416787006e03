// No space: a full store filesystem and a full export destination (2 MB tmpfs mounts) fail clearly and lose nothing else; a small /dev/shm sends loads to disk.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppService } from '../../core/app-service.js';
import { startHost, storeFiles, writeText } from './test-support/fault-harness.js';

const prefix = `arrayport-test-nospace-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'arrayport-nospace-'));
const mounts: string[] = [];
let whyNot = '';

/** A 2 MB tmpfs at `path`; needs root and a kernel that lets this container mount. */
function mountSmall(path: string): boolean {
  mkdirSync(path, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', path], { encoding: 'utf8' });
  if (r.status !== 0) {
    whyNot = `mount -t tmpfs refused (${(r.stderr || r.error?.message || `status ${r.status}`).trim()})`;
    return false;
  }
  mounts.push(path);
  return true;
}

const canMount = mountSmall(join(dir, 'shm')) && mountSmall(join(dir, 'dest'));
if (!canMount) console.warn(`no-space tests on tmpfs skipped: ${whyNot}`);

const services: AppService[] = [];
beforeAll(() => mkdirSync(join(dir, 'disk'), { recursive: true }));
afterAll(async () => {
  for (const s of services) await s.dispose();
  for (const m of mounts) spawnSync('umount', [m]);
  rmSync(dir, { recursive: true, force: true });
  expect(readdirSync('/dev/shm').filter((f) => f.startsWith(prefix))).toEqual([]);
});

const host = (options: Parameters<typeof startHost>[0]): AppService => {
  const s = startHost(options);
  services.push(s);
  return s;
};

/** Admission believes this filesystem is huge, so the load goes to the 2 MB mount and meets ENOSPC while writing. */
const hugeStatfs = (): { bsize: number; blocks: number; bavail: number } => ({ bsize: 4096, blocks: 1e9, bavail: 1e9 });

describe.skipIf(!canMount)('a full filesystem', () => {
  it('store: the load fails with a clear message, its segments go, the next load into the same store works', { timeout: 60_000 }, async () => {
    const shmRoot = join(dir, 'shm');
    const s = host({ prefix, shmRoot, diskRoot: join(dir, 'disk'), statfs: hugeStatfs, policy: { keepFraction: 0, keepMinBytes: 0 } });
    const big = writeText(join(dir, 'big.tsv'), 2);
    const [id] = await s.openPaths([big]);
    expect(s.store.placement(id!)!.kind).toBe('shm');
    const [info] = await s.idle([id!]);
    expect(info!.state).toBe('failed');
    expect(info!.error?.message).toMatch(/no space left/i);
    expect(info!.error?.message).toContain(shmRoot);
    await expect.poll(() => storeFiles(shmRoot, prefix)).toEqual([]);
    // The .npy loader writes through another writer (ArrayWriter): the same clear failure.
    const npy = join(dir, 'big.npy');
    const header = "{'descr': '<f8', 'fortran_order': False, 'shape': (400000,), }".padEnd(117, ' ') + '\n';
    writeFileSync(npy, Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 118, 0]), Buffer.from(header), Buffer.alloc(3_200_000)]));
    const [npyId] = await s.openPaths([npy]);
    const [npyInfo] = await s.idle([npyId!]);
    expect(npyInfo!.state).toBe('failed');
    expect(npyInfo!.error?.message).toMatch(new RegExp(`ran out of space in ${shmRoot}.*ENOSPC`));
    await expect.poll(() => storeFiles(shmRoot, prefix)).toEqual([]);
    const small = join(dir, 'small.tsv');
    writeFileSync(small, 'chr1\t10\t1.5\nchr2\t20\t2.5\n');
    const [ok] = await s.openPaths([small]);
    expect((await s.idle([ok!]))[0]).toMatchObject({ state: 'ready', rows: 2 });
    await s.close(ok!);
    await s.close(id!);
    await s.close(npyId!);
  });

  it('destination: the export fails with a clear message, leaves no .partial, and the dataset stays readable', { timeout: 90_000 }, async () => {
    const s = host({ prefix });
    const [id] = await s.openPaths([writeText(join(dir, 'exp.tsv'), 1, 3)]);
    expect((await s.idle([id!]))[0]!.state).toBe('ready');
    const destination = join(dir, 'dest', 'full.h5');
    const jobId = await s.startExport({ datasetIds: [id!], destination, layout: 'compound', compression: { kind: 'none' } });
    await expect.poll(() => s.exportStatus(jobId)?.state, { timeout: 60_000 }).not.toBe('running');
    const status = s.exportStatus(jobId)!;
    expect(status.state).toBe('failed');
    expect(status.error).toMatch(/^no space left on device: the filesystem of .*dest is full$/);
    expect(readdirSync(join(dir, 'dest'))).toEqual([]);
    expect(existsSync(destination)).toBe(false);
    expect((await s.readWindow(id!, 99_999, 1)).rowCount).toBe(1);
    await s.close(id!);
  });
});

describe('admission', () => {
  it('falls back to the disk temp dir when shared memory is too small, and says so', { timeout: 30_000 }, async () => {
    const diskRoot = join(dir, 'disk');
    const tiny = (): { bsize: number; blocks: number; bavail: number } => ({ bsize: 4096, blocks: 256, bavail: 256 });
    const s = host({ prefix, diskRoot, statfs: tiny });
    const [id] = await s.openPaths([writeText(join(dir, 'fallback.tsv'), 1, 5)]);
    const [info] = await s.idle([id!]);
    expect(info!.state).toBe('ready');
    expect(info!.placement).toMatchObject({ kind: 'disk' });
    expect(info!.placement!.dir.startsWith(diskRoot)).toBe(true);
    expect(info!.placement!.reason).toMatch(/did not fit .* using /);
    await s.close(id!);
    expect(storeFiles(diskRoot, prefix)).toEqual([]);
  });
});
