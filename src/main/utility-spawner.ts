// WorkerSpawner for the Electron host: one utilityProcess per job, with Electron's own reason when one ends.
import { join } from 'node:path';
import { app, utilityProcess, type UtilityProcess } from 'electron';
import { workerEnv, type WorkerExit, type WorkerKind, type WorkerProcess, type WorkerSpawner } from '../core/pool/spawn.js';

/** What the memory gauge needs to name a live worker process. */
export interface WorkerTag {
  readonly kind: WorkerKind;
  readonly label: string;
}

export interface UtilitySpawner extends WorkerSpawner {
  /** Live workers by pid, for matching `app.getAppMetrics()` entries. */
  liveWorkers(): ReadonlyMap<number, WorkerTag>;
}

// electron-vite builds both entries beside index.js in out/main (see electron.vite.config.ts).
const ENTRY: Record<WorkerKind, string> = { loader: 'loader.worker.js', export: 'export.worker.js', h5reader: 'h5-reader.worker.js', compute: 'compute.worker.js' };
// How long an 'exit' waits for app's 'child-process-gone' (which carries the real reason: oom, crashed, …).
const REASON_GRACE_MS = 100;

export function createUtilitySpawner(entryDir: string = import.meta.dirname): UtilitySpawner {
  const gone = new Map<string, (reason: string, code: number) => void>();
  const live = new Map<number, WorkerTag>();
  let serial = 0;

  app.on('child-process-gone', (_event, details) => {
    if (details.type === 'Utility' && details.name !== undefined) gone.get(details.name)?.(details.reason, details.exitCode);
  });

  return {
    liveWorkers: () => live,
    spawn(kind: WorkerKind, label: string): WorkerProcess {
      // Unique, so that child-process-gone (which names the process, not its pid) matches exactly one worker.
      const serviceName = `arrayport-${kind}-${label.replace(/[^\w.-]+/g, '_').slice(0, 60)}-${++serial}`;
      const child: UtilityProcess = utilityProcess.fork(join(entryDir, ENTRY[kind]), [label], {
        serviceName,
        stdio: 'pipe',
        env: workerEnv(process.env, kind),
      });
      const exitListeners: ((exit: WorkerExit) => void)[] = [];
      let knownReason: string | undefined;
      let killed = false;
      let finished = false;
      let pid: number | undefined;

      const finish = (code: number | null): void => {
        if (finished) return;
        finished = true;
        gone.delete(serviceName);
        if (pid !== undefined) live.delete(pid);
        const reason = knownReason ?? (killed ? 'killed' : code === 0 ? 'clean-exit' : 'abnormal-exit');
        for (const listener of exitListeners) listener({ code, reason });
      };
      gone.set(serviceName, (reason, code) => {
        knownReason = reason;
        // Normally 'exit' follows; if it never does (launch failure), end the worker anyway.
        setTimeout(() => finish(code), 1000);
      });
      child.once('spawn', () => {
        pid = child.pid;
        if (pid !== undefined) live.set(pid, { kind, label });
      });
      child.once('exit', (code) => {
        if (knownReason !== undefined) finish(code);
        else setTimeout(() => finish(code), REASON_GRACE_MS);
      });
      // Worker output goes to the main process's terminal, prefixed so that interleaved logs stay readable.
      child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(`[${serviceName}] ${chunk.toString()}`));
      child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${serviceName}] ${chunk.toString()}`));

      return {
        get pid() {
          return child.pid;
        },
        postMessage: (message) => {
          if (!finished) child.postMessage(message);
        },
        onMessage: (listener) => void child.on('message', listener),
        onExit: (listener) => void exitListeners.push(listener),
        kill: () => {
          killed = true;
          child.kill();
        },
      };
    },
  };
}
