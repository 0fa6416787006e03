// Serves a worker API to the host over whichever channel this process has: Electron's parentPort or Node's IPC.

import type { RunMessage, WorkerApi, WorkerError, WorkerReply } from '../core/pool/worker-protocol.js';
import { CancelledError, LoadError } from '../core/load-error.js';

interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/** True when this module runs as a worker process (forked with IPC, or an Electron utility process). */
export function isWorkerProcess(): boolean {
  return Boolean((process as { parentPort?: unknown }).parentPort) || typeof process.send === 'function';
}

export function serveWorkerApi(api: WorkerApi): void {
  const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
  const send = (m: WorkerReply): void => {
    if (parentPort) parentPort.postMessage(m);
    // A send racing the host's death fails with EPIPE before 'disconnect' arrives; unhandled, that error
    // would crash the worker with a stack trace. Nobody is left to tell: exit as on disconnect.
    else if (process.connected) process.send?.(m, undefined, undefined, (e: Error | null) => e && process.exit(0));
    else process.exit(0);
  };
  const onRun = (m: RunMessage): void => {
    const method = api[m.method];
    if (!method) {
      send({ type: 'failed', jobId: m.jobId, error: { kind: 'internal', message: `no method ${m.method}` } });
      return;
    }
    const progress = (p: unknown): void => send({ type: 'progress', jobId: m.jobId, progress: p });
    // Cancel is a kill from the host, so this signal never fires here; it exists for in-process callers.
    method(m.args, progress, new AbortController().signal).then(
      (result) => send({ type: 'done', jobId: m.jobId, result }),
      (e: unknown) => send({ type: 'failed', jobId: m.jobId, error: toWorkerError(e) }),
    );
  };
  const isRun = (m: unknown): m is RunMessage => typeof m === 'object' && m !== null && (m as RunMessage).type === 'run';
  if (parentPort) parentPort.on('message', (e) => isRun(e.data) && onRun(e.data));
  else process.on('message', (m) => isRun(m) && onRun(m));
  // A host that dies must not leave orphaned workers behind.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

function toWorkerError(e: unknown): WorkerError {
  if (e instanceof LoadError) return { kind: 'load', info: e.info };
  if (e instanceof CancelledError) return { kind: 'cancelled' };
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
}
