// WorkerSpawner for plain Node hosts (CLI, browser host): child_process.fork of the worker entry files.

import { fork, type ChildProcess } from 'node:child_process';
import { workerEnv, type WorkerKind, type WorkerProcess, type WorkerSpawner } from './spawn.js';

export interface ForkEntry {
  /** Absolute path of the entry module (a built .js file, or a .ts file run through tsx in development and tests). */
  readonly path: string;
  readonly execArgv?: readonly string[];
}

/** Forks the worker entry of `kind`; its first argument is the label a process list shows. */
export function forkWorker(entries: Record<WorkerKind, ForkEntry>, kind: WorkerKind, label: string): ChildProcess {
  const entry = entries[kind];
  const child = fork(entry.path, [label], {
    execArgv: [...(entry.execArgv ?? [])],
    env: workerEnv(process.env, kind),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  // An IPC error after the child died must not crash the host.
  child.on('error', () => {});
  return child;
}

/** Messages of processes forked ahead of their pool, kept until the pool listens (its 'ready' may come first). */
const held = new WeakMap<ChildProcess, { messages: unknown[]; hold: (m: unknown) => void }>();

/** forkWorker for a pool that does not exist yet (see forkSpawner's `started`): labelled 'idle', its messages kept. */
export function forkEarly(entries: Record<WorkerKind, ForkEntry>, kind: WorkerKind): ChildProcess {
  const child = forkWorker(entries, kind, 'idle');
  const messages: unknown[] = [];
  const hold = (m: unknown): void => void messages.push(m);
  child.on('message', hold);
  held.set(child, { messages, hold });
  return child;
}

/**
 * `started` holds idle processes forked before the host was ready (forkEarly): the pool's first spawns of those
 * kinds take them instead of forking. The caller kills what was never taken.
 */
export function forkSpawner(entries: Record<WorkerKind, ForkEntry>, started: Partial<Record<WorkerKind, ChildProcess[]>> = {}): WorkerSpawner {
  return {
    spawn(kind: WorkerKind, label: string): WorkerProcess {
      const child = started[kind]?.shift() ?? forkWorker(entries, kind, label);
      return {
        get pid() {
          return child.pid;
        },
        postMessage: (m) => {
          if (child.connected) child.send(m as object);
        },
        onMessage: (listener) => {
          child.on('message', listener);
          const early = held.get(child);
          if (!early) return;
          held.delete(child);
          child.off('message', early.hold);
          for (const m of early.messages) listener(m);
        },
        onExit: (listener) => {
          const report = (code: number | null, signal: NodeJS.Signals | null): void =>
            listener({ code, reason: signal === 'SIGKILL' ? 'killed' : signal ?? (code === 0 ? 'clean-exit' : 'abnormal-exit') });
          // A process forked early may have ended before its pool listened: its 'exit' has been and gone.
          if (child.exitCode !== null || child.signalCode !== null) queueMicrotask(() => report(child.exitCode, child.signalCode));
          else child.once('exit', report);
        },
        kill: () => void child.kill('SIGKILL'),
      };
    },
  };
}
