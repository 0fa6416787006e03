// A pool of worker processes, one job per process at a time, sized to the cores; jobs beyond that wait in a queue.

import { availableParallelism } from 'node:os';
import { CancelledError, LoadError } from '../load-error.js';
import type { WorkerExit, WorkerKind, WorkerProcess, WorkerSpawner } from './spawn.js';
import { isWorkerReply, type WorkerApi, type WorkerError } from './worker-protocol.js';

type ArgsOf<F> = F extends (args: infer A, ...rest: never[]) => unknown ? A : never;
type ProgressOf<F> = F extends (args: never, progress: (p: infer P) => void, ...rest: never[]) => unknown ? P : never;
type ResultOf<F> = F extends (...args: never[]) => Promise<infer R> ? R : never;

export interface RunOptions<P> {
  /** Shown in process lists and metrics, e.g. the file's base name. */
  readonly label: string;
  readonly onProgress?: (progress: P) => void;
  /** Aborting kills the job's process at once; the pool starts a fresh one for the next job. */
  readonly signal?: AbortSignal;
}

/** Thrown when a worker process ends while it runs a job (killed, crashed, out of memory). */
export class WorkerGoneError extends Error {
  constructor(readonly kind: WorkerKind, readonly exit: WorkerExit) {
    super(`${kind} process ended unexpectedly (${exit.reason}${exit.code !== null ? `, exit code ${exit.code}` : ''})`);
    this.name = 'WorkerGoneError';
  }
}

interface Slot {
  readonly proc: WorkerProcess;
  label: string;
  busy: boolean;
  dead: boolean;
  /** Killed on purpose: its job ends as cancelled, not as a crash. */
  cancelled: boolean;
  /** The process said 'ready' (its modules loaded), so replacing it will not loop on a broken entry. */
  started: boolean;
  readonly exited: Promise<void>;
  job?: { id: number; resolve(v: unknown): void; reject(e: Error): void; onProgress?: (p: unknown) => void };
}

export interface PoolProcessInfo {
  readonly pid: number | undefined;
  readonly kind: WorkerKind;
  readonly label: string;
  readonly busy: boolean;
}

/** How long after a job takes the warm process its replacement starts (see topUpSoon). */
const TOP_UP_DELAY_MS = 1500;

export class WorkerPool<Api extends WorkerApi> {
  private readonly slots: Slot[] = [];
  private readonly queue: Array<() => void> = [];
  private nextJobId = 1;
  private disposed = false;
  /** Idle processes to keep started ahead of jobs (see warm). */
  private warmCount = 0;
  private topUpTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly spawner: WorkerSpawner,
    readonly kind: WorkerKind,
    readonly size = Math.max(1, availableParallelism()),
  ) {}

  /** Runs `method` in a worker process; resolves with its result, rejects with LoadError, CancelledError or WorkerGoneError. */
  async run<M extends keyof Api & string>(method: M, args: ArgsOf<Api[M]>, options: RunOptions<ProgressOf<Api[M]>>): Promise<ResultOf<Api[M]>> {
    if (this.disposed) throw new Error(`${this.kind} pool is closed`);
    options.signal?.throwIfAborted?.();
    const slot = await this.acquire(options.signal);
    slot.label = options.label;
    this.topUpSoon();
    try {
      return (await this.runOn(slot, method, args, options)) as ResultOf<Api[M]>;
    } finally {
      slot.busy = false;
      slot.job = undefined;
      if (slot.dead && this.slots.includes(slot)) {
        this.slots.splice(this.slots.indexOf(slot), 1);
        if (slot.started) this.topUp();
      }
      this.queue.shift()?.();
    }
  }

  /** Worker processes alive now, for the memory panel. */
  processes(): PoolProcessInfo[] {
    return this.slots.filter((s) => !s.dead).map((s) => ({ pid: s.proc.pid, kind: this.kind, label: s.label, busy: s.busy }));
  }

  /**
   * Starts `count` idle processes now and keeps that many started while the pool has room, so a job does not
   * wait for a process to start and load its modules (0.2–0.5 s). A host calls it once, when it starts.
   */
  warm(count = 1): void {
    this.warmCount = Math.min(count, this.size);
    this.topUp();
  }

  /**
   * Kills every worker; queued and running jobs fail. Resolves once the processes have exited (at most 2 s),
   * so a caller that removes the store afterwards does not race a worker still writing into it.
   */
  dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.topUpTimer);
    const exits = this.slots.map((s) => s.exited);
    for (const s of this.slots) s.proc.kill();
    this.slots.length = 0;
    for (const wake of this.queue.splice(0)) wake();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)));
    return Promise.race([Promise.all(exits).then(() => undefined), late]).finally(() => clearTimeout(timer));
  }

  /**
   * Replaces a warm process a job just took, a moment later: started at once, its 0.2–0.6 s of start-up ran on
   * the cores the job's first rows and the window's first drawing need (measured in the browser host: a
   * loader started with each open, and first rows came ~100 ms later). A job that comes sooner starts its own.
   */
  private topUpSoon(): void {
    if (this.topUpTimer || this.warmCount === 0) return;
    this.topUpTimer = setTimeout(() => {
      this.topUpTimer = undefined;
      this.topUp();
    }, TOP_UP_DELAY_MS);
    this.topUpTimer.unref();
  }

  private topUp(): void {
    let idle = this.slots.filter((s) => !s.busy && !s.dead).length;
    while (!this.disposed && idle < this.warmCount && this.slots.length < this.size) {
      this.spawnSlot();
      idle++;
    }
  }

  private async acquire(signal?: AbortSignal): Promise<Slot> {
    for (;;) {
      if (this.disposed) throw new Error(`${this.kind} pool is closed`);
      const idle = this.slots.find((s) => !s.busy && !s.dead);
      if (idle) return ((idle.busy = true), idle);
      if (this.slots.length < this.size) {
        const slot = this.spawnSlot();
        slot.busy = true;
        return slot;
      }
      await new Promise<void>((resolve, reject) => {
        const wake = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = (): void => {
          const i = this.queue.indexOf(wake);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new CancelledError());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.queue.push(wake);
      });
    }
  }

  private spawnSlot(): Slot {
    const proc = this.spawner.spawn(this.kind, 'idle');
    let exited = (): void => {};
    const slot: Slot = { proc, label: 'idle', busy: false, dead: false, cancelled: false, started: false, exited: new Promise((r) => (exited = r)) };
    proc.onMessage((m) => {
      if (isWorkerReply(m) && m.type === 'ready') slot.started = true;
      if (!isWorkerReply(m) || m.type === 'ready' || !slot.job || m.jobId !== slot.job.id) return;
      if (m.type === 'progress') slot.job.onProgress?.(m.progress);
      else if (m.type === 'done') slot.job.resolve(m.result);
      else slot.job.reject(toError(m.error));
    });
    proc.onExit((exit) => {
      slot.dead = true;
      exited();
      if (!slot.busy && this.slots.includes(slot)) this.slots.splice(this.slots.indexOf(slot), 1);
      slot.job?.reject(slot.cancelled ? new CancelledError() : new WorkerGoneError(this.kind, exit));
      if (slot.started) this.topUp();
    });
    this.slots.push(slot);
    return slot;
  }

  private runOn(slot: Slot, method: string, args: unknown, options: RunOptions<never>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = this.nextJobId++;
      const onAbort = (): void => {
        // Killing is the only cancel that is immediate whatever the worker is doing. The job settles when
        // the process has exited, so nothing of it still writes when the caller removes its files.
        slot.cancelled = true;
        slot.proc.kill();
      };
      const settle = <T>(f: (v: T) => void) => (v: T): void => {
        options.signal?.removeEventListener('abort', onAbort);
        f(v);
      };
      // Aborted while waiting for a process: the job never starts.
      if (options.signal?.aborted) return reject(new CancelledError());
      slot.job = { id, resolve: settle(resolve), reject: settle(reject), onProgress: options.onProgress as ((p: unknown) => void) | undefined };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      slot.proc.postMessage({ type: 'run', jobId: id, method, args });
    });
  }
}

function toError(e: WorkerError): Error {
  if (e.kind === 'load') return new LoadError(e.info);
  if (e.kind === 'cancelled') return new CancelledError();
  return new Error(e.message);
}
