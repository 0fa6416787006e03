// Where a new dataset goes: shared memory when it fits with room to spare, else the disk temp dir, with the reason in words.

import fs from 'node:fs';

/** The fields of fs.statfsSync the store uses; injectable so tests can pretend /dev/shm is small. */
export interface FsSpace {
  readonly bsize: number;
  readonly blocks: number;
  readonly bavail: number;
}
export type StatFs = (path: string) => FsSpace;

export const defaultStatFs: StatFs = (p) => fs.statfsSync(p);

export interface AdmissionPolicy {
  /** Part of the shared-memory filesystem always left free (Chromium and other programs use it too). */
  readonly keepFraction: number;
  readonly keepMinBytes: number;
}

export const DEFAULT_POLICY: AdmissionPolicy = { keepFraction: 0.1, keepMinBytes: 64 << 20 };

export interface AdmissionDecision {
  readonly kind: 'shm' | 'disk';
  readonly reason: string;
}

export interface SpaceStats {
  readonly capacityBytes: number;
  readonly freeBytes: number;
}

/** Capacity and free bytes of the filesystem at `root`; null when it does not exist. */
export function spaceOf(root: string, statfs: StatFs = defaultStatFs): SpaceStats | null {
  try {
    if (!fs.statSync(root).isDirectory()) return null;
    const s = statfs(root);
    return { capacityBytes: s.blocks * s.bsize, freeBytes: s.bavail * s.bsize };
  } catch {
    return null;
  }
}

/**
 * Decides for one load. `reservedBytes` are promised to loads still running in shared memory
 * (estimated but not yet written), so two big loads admitted together cannot both count the same free space.
 */
export function admit(opts: {
  estimatedBytes: number;
  shmRoot: string;
  diskRoot: string;
  space: SpaceStats | null;
  reservedBytes?: number;
  policy?: AdmissionPolicy;
}): AdmissionDecision {
  const { estimatedBytes, shmRoot, diskRoot, space } = opts;
  const policy = opts.policy ?? DEFAULT_POLICY;
  if (!space) return { kind: 'disk', reason: `there is no ${shmRoot} on this system; using ${diskRoot}` };
  const keep = Math.max(space.capacityBytes * policy.keepFraction, policy.keepMinBytes);
  const free = Math.max(0, space.freeBytes - (opts.reservedBytes ?? 0));
  if (estimatedBytes + keep <= free)
    return { kind: 'shm', reason: `${formatBytes(estimatedBytes)} fits in ${formatBytes(free)} free of ${shmRoot}` };
  return {
    kind: 'disk',
    reason: `${formatBytes(estimatedBytes)} did not fit in ${formatBytes(free)} free of ${shmRoot} (keeping ${formatBytes(keep)} free); using ${diskRoot}`,
  };
}

/** 1.2 GB, 64 MB, 512 B: decimal units, as file managers show them. */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${Math.round(v)} B` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}
