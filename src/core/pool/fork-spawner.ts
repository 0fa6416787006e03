// WorkerSpawner for plain Node hosts (CLI, browser host): child_process.fork of the worker entry files.

import { fork } from 'node:child_process';
import { workerEnv, type WorkerKind, type WorkerProcess, type WorkerSpawner } from './spawn.js';

export interface ForkEntry {
  /** Absolute path of the entry module (a built .js file, or a .ts file run through tsx in development and tests). */
  readonly path: string;
  readonly execArgv?: readonly string[];
}

export function forkSpawner(entries: Record<WorkerKind, ForkEntry>): WorkerSpawner {
  return {
    spawn(kind: WorkerKind, label: string): WorkerProcess {
      const entry = entries[kind];
      const child = fork(entry.path, [label], {
        execArgv: [...(entry.execArgv ?? [])],
        env: workerEnv(process.env, kind),
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        serialization: 'advanced',
      });
      // An IPC error after the child died must not crash the host.
      child.on('error', () => {});
      return {
        get pid() {
          return child.pid;
        },
        postMessage: (m) => {
          if (child.connected) child.send(m as object);
        },
        onMessage: (listener) => void child.on('message', listener),
        onExit: (listener) =>
          void child.once('exit', (code, signal) =>
            listener({ code, reason: signal === 'SIGKILL' ? 'killed' : signal ?? (code === 0 ? 'clean-exit' : 'abnormal-exit') }),
          ),
        kill: () => void child.kill('SIGKILL'),
      };
    },
  };
}
