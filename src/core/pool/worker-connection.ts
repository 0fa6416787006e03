// One long-lived worker process that serves many calls (an HDF5 reader holding its file open), over the pool's message protocol.

import { CancelledError, LoadError } from '../load-error.js';
import type { WorkerKind, WorkerProcess, WorkerSpawner } from './spawn.js';
import { WorkerGoneError } from './worker-pool.js';
import { isWorkerReply, type WorkerApi } from './worker-protocol.js';

type ArgsOf<F> = F extends (args: infer A, ...rest: never[]) => unknown ? A : never;
type ResultOf<F> = F extends (...args: never[]) => Promise<infer R> ? R : never;

export class WorkerConnection<Api extends WorkerApi> {
  private readonly proc: WorkerProcess;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private nextId = 1;
  private gone: Error | null = null;

  constructor(spawner: WorkerSpawner, readonly kind: WorkerKind, readonly label: string) {
    this.proc = spawner.spawn(kind, label);
    this.proc.onMessage((m) => {
      if (!isWorkerReply(m) || m.type === 'ready' || m.type === 'progress') return;
      const call = this.pending.get(m.jobId);
      if (!call) return;
      this.pending.delete(m.jobId);
      if (m.type === 'done') call.resolve(m.result);
      else call.reject(m.error.kind === 'load' ? new LoadError(m.error.info) : m.error.kind === 'cancelled' ? new CancelledError() : new Error(m.error.message));
    });
    this.proc.onExit((exit) => {
      this.gone = new WorkerGoneError(kind, exit);
      for (const call of this.pending.values()) call.reject(this.gone);
      this.pending.clear();
    });
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get alive(): boolean {
    return this.gone === null;
  }

  call<M extends keyof Api & string>(method: M, args: ArgsOf<Api[M]>): Promise<ResultOf<Api[M]>> {
    if (this.gone) return Promise.reject(this.gone);
    return new Promise((resolve, reject) => {
      const jobId = this.nextId++;
      this.pending.set(jobId, { resolve: resolve as (v: unknown) => void, reject });
      this.proc.postMessage({ type: 'run', jobId, method, args });
    });
  }

  kill(): void {
    this.proc.kill();
  }
}
