// The host's registry of every dataset directory: admission, manifests, reader leases, and the only place files are removed.

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadErrorInfo, StorePlacement } from '../../shared/dataset.js';
import type { DatasetManifest } from './manifest.js';
import { admit, defaultStatFs, spaceOf, type AdmissionPolicy, type SpaceStats, type StatFs } from './admission.js';
import { isManifestFile, manifestFiles, readManifest, writeManifest } from './manifest-file.js';
import { DEFAULT_HEADER_BYTES } from './npy-header.js';
import { openDatasetReader, type DatasetReader } from './dataset-reader.js';
import { currentSessionInfo, SESSION_FILE, sweepSessions } from './session-sweep.js';

export interface SegmentStoreOptions {
  readonly shmRoot?: string;
  readonly diskRoot?: string;
  /** Session directories are `<prefix>-<pid>-<random>`; tests use their own prefix. */
  readonly prefix?: string;
  readonly statfs?: StatFs;
  readonly policy?: AdmissionPolicy;
}

export interface CreateDatasetRequest {
  readonly name: string;
  readonly sourcePath: string;
  readonly sourceBytes: number;
  readonly format: DatasetManifest['source']['format'];
  /** Bytes the store will hold once loaded (the admission check compares it with free shared memory). */
  readonly estimatedBytes: number;
}

export interface Lease {
  /** Idempotent. */
  release(): void;
}

interface Entry {
  readonly id: string;
  readonly dir: string;
  readonly placement: StorePlacement;
  readonly estimatedBytes: number;
  manifest: DatasetManifest;
  /** Every segment file a manifest has named: once a newer manifest drops one, it is garbage. */
  readonly listed: Set<string>;
  /** Files the host keeps beside the manifest's (a view's row index): live until released. */
  readonly adopted: Set<string>;
  leases: number;
  closing: { promise: Promise<void>; resolve: () => void } | null;
}

const TERMINAL = new Set(['ready', 'failed', 'cancelled']);

export class SegmentStore {
  readonly shmRoot: string;
  readonly diskRoot: string;
  readonly prefix: string;
  /** Session directories of dead processes removed when this store opened. */
  readonly swept: readonly string[];
  private readonly statfs: StatFs;
  private readonly policy: AdmissionPolicy | undefined;
  private readonly sessions = new Map<'shm' | 'disk', string>();
  private readonly entries = new Map<string, Entry>();
  private readonly suffix = crypto.randomBytes(5).toString('hex');
  private counter = 0;

  private constructor(o: SegmentStoreOptions) {
    this.shmRoot = o.shmRoot ?? '/dev/shm';
    this.diskRoot = o.diskRoot ?? os.tmpdir();
    this.prefix = o.prefix ?? 'arrayport';
    this.statfs = o.statfs ?? defaultStatFs;
    this.policy = o.policy;
    this.swept = [...sweepSessions(this.shmRoot, this.prefix), ...sweepSessions(this.diskRoot, this.prefix)];
  }

  /** Opens the store and sweeps sessions left by dead processes under both roots. Session directories appear on first use. */
  static open(options: SegmentStoreOptions = {}): SegmentStore {
    return new SegmentStore(options);
  }

  /** The session directory under the given root, when one was created. */
  sessionDir(kind: 'shm' | 'disk'): string | undefined {
    return this.sessions.get(kind);
  }

  private session(kind: 'shm' | 'disk'): string {
    let dir = this.sessions.get(kind);
    if (dir) return dir;
    dir = path.join(kind === 'shm' ? this.shmRoot : this.diskRoot, `${this.prefix}-${process.pid}-${this.suffix}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(dir, SESSION_FILE), JSON.stringify(currentSessionInfo()));
    this.sessions.set(kind, dir);
    return dir;
  }

  /** Admits a load: picks shared memory or disk (statfs now, not at startup) and writes the initial manifest. */
  createDataset(req: CreateDatasetRequest): { id: string; dir: string; placement: StorePlacement } {
    const decision = admit({
      estimatedBytes: req.estimatedBytes,
      shmRoot: this.shmRoot,
      diskRoot: this.diskRoot,
      space: spaceOf(this.shmRoot, this.statfs),
      reservedBytes: this.reservedShmBytes(),
      ...(this.policy ? { policy: this.policy } : {}),
    });
    const id = `d${++this.counter}`;
    const dir = path.join(this.session(decision.kind), id);
    fs.mkdirSync(dir);
    const manifest: DatasetManifest = {
      version: 1, id, name: req.name, state: 'loading', rows: 0, shape: [0], columns: [],
      source: { path: req.sourcePath, bytes: req.sourceBytes, format: req.format },
      store: { kind: decision.kind, reason: decision.reason },
      headerBytes: DEFAULT_HEADER_BYTES,
    };
    writeManifest(dir, manifest);
    const placement: StorePlacement = { kind: decision.kind, dir, reason: decision.reason };
    this.entries.set(id, { id, dir, placement, estimatedBytes: req.estimatedBytes, manifest, listed: new Set(), adopted: new Set(), leases: 0, closing: null });
    return { id, dir, placement };
  }

  private reservedShmBytes(): number {
    let sum = 0;
    for (const e of this.entries.values())
      if (e.placement.kind === 'shm' && e.manifest.state === 'loading') sum += Math.max(0, e.estimatedBytes - this.datasetBytes(e.id));
    return sum;
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  /** The latest manifest the host knows (undefined once closed). */
  get(id: string): DatasetManifest | undefined {
    return this.entries.get(id)?.manifest;
  }

  placement(id: string): StorePlacement | undefined {
    return this.entries.get(id)?.placement;
  }

  /** Re-reads manifest.json (after a worker's commit); files it no longer lists go once no lease holds the dataset. */
  refresh(id: string): DatasetManifest | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    try {
      e.manifest = readManifest(e.dir);
    } catch {
      return e.manifest;
    }
    for (const f of manifestFiles(e.manifest)) e.listed.add(f);
    this.collect(e);
    return e.manifest;
  }

  /** Records a failure for a worker that cannot (it crashed or was killed): the manifest stays the host's to finish. */
  markFailed(id: string, error: LoadErrorInfo): DatasetManifest | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    this.refresh(id);
    if (TERMINAL.has(e.manifest.state)) return e.manifest;
    e.manifest = { ...e.manifest, state: 'failed', error };
    writeManifest(e.dir, e.manifest);
    this.collect(e);
    return e.manifest;
  }

  lease(id: string): Lease {
    const e = this.entries.get(id);
    if (!e || e.closing) throw new Error(`dataset ${id} is ${e ? 'closing' : 'not in the store'}`);
    e.leases++;
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        e.leases--;
        if (e.leases === 0) this.collect(e);
      },
    };
  }

  /** A reader of the latest known manifest that holds a lease until it is closed. */
  openReader(id: string): DatasetReader {
    const lease = this.lease(id);
    try {
      const reader = openDatasetReader(this.entries.get(id)!.dir, this.entries.get(id)!.manifest);
      const close = reader.close.bind(reader);
      return Object.assign(reader, { close: () => { close(); lease.release(); } });
    } catch (err) {
      lease.release();
      throw err;
    }
  }

  /** Marks the dataset closing; resolves once its directory is removed, which waits for every lease to be released. */
  close(id: string): Promise<void> {
    const e = this.entries.get(id);
    if (!e) return Promise.resolve();
    if (!e.closing) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      e.closing = { promise, resolve };
      this.collect(e);
    }
    return e.closing.promise;
  }

  /** Removes what nobody may read any more: the whole directory once closing, else files no manifest lists now. */
  private collect(e: Entry): void {
    if (e.leases > 0) return;
    if (e.closing) {
      fs.rmSync(e.dir, { recursive: true, force: true });
      this.entries.delete(e.id);
      e.closing.resolve();
      return;
    }
    const live = new Set([...manifestFiles(e.manifest), ...e.adopted]);
    const garbage = [...e.listed].filter((f) => !live.has(f));
    // Once the writer is done, files it created but never published are garbage too.
    if (TERMINAL.has(e.manifest.state)) {
      for (const f of safeReaddir(e.dir)) if (!live.has(f) && !isManifestFile(f)) garbage.push(f);
    }
    for (const f of garbage) {
      fs.rmSync(path.join(e.dir, f), { force: true });
      e.listed.delete(f);
    }
  }

  /**
   * Keeps `files` in the dataset's directory although no manifest lists them (a view's row index, with its '.tmp'):
   * named before a worker writes them, so a collection racing the write cannot remove them.
   */
  adopt(id: string, files: readonly string[]): void {
    const e = this.entries.get(id);
    if (!e) throw new Error(`dataset ${id} is not in the store`);
    for (const f of files) {
      if (f.includes('/') || isManifestFile(f) || manifestFiles(e.manifest).includes(f)) throw new Error(`cannot adopt ${f}`);
      e.adopted.add(f);
      e.listed.add(f);
    }
  }

  /** Ends adopt(): the files go once no lease holds the dataset. */
  release(id: string, files: readonly string[]): void {
    const e = this.entries.get(id);
    if (!e) return;
    for (const f of files) e.adopted.delete(f);
    this.collect(e);
  }

  /** Bytes of one dataset's files now. */
  datasetBytes(id: string): number {
    const e = this.entries.get(id);
    if (!e) return 0;
    let sum = 0;
    for (const f of safeReaddir(e.dir)) {
      try {
        sum += fs.statSync(path.join(e.dir, f)).size;
      } catch {
        // Removed between readdir and stat: it no longer counts.
      }
    }
    return sum;
  }

  /** Bytes of all datasets, shared memory and disk. */
  storeBytes(): number {
    let sum = 0;
    for (const id of this.entries.keys()) sum += this.datasetBytes(id);
    return sum;
  }

  /** The shared-memory filesystem's capacity and free bytes (zeros where there is none). */
  shmStats(): SpaceStats {
    return spaceOf(this.shmRoot, this.statfs) ?? { capacityBytes: 0, freeBytes: 0 };
  }

  /** Removes the whole session, leases or not (quit). */
  async dispose(): Promise<void> {
    const { dirs, closing } = this.detach();
    await Promise.all(dirs.map((d) => fs.promises.rm(d, { recursive: true, force: true })));
    closing.forEach((c) => c.resolve());
  }

  /** dispose() for process 'exit' handlers, where nothing asynchronous runs. */
  disposeSync(): void {
    const { dirs, closing } = this.detach();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    closing.forEach((c) => c.resolve());
  }

  private detach(): { dirs: string[]; closing: { resolve: () => void }[] } {
    const dirs = [...this.sessions.values()];
    const closing = [...this.entries.values()].flatMap((e) => (e.closing ? [e.closing] : []));
    this.entries.clear();
    this.sessions.clear();
    return { dirs, closing };
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
