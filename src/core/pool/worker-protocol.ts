// Messages between a host and its worker processes: ids, progress and errors, never data.

import type { LoadErrorInfo } from '../../shared/dataset.js';

/** Host → worker: run one method of the worker's API. */
export interface RunMessage {
  readonly type: 'run';
  readonly jobId: number;
  readonly method: string;
  readonly args: unknown;
}

/** Worker → host. */
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly jobId: number; readonly progress: unknown }
  | { readonly type: 'done'; readonly jobId: number; readonly result: unknown }
  | { readonly type: 'failed'; readonly jobId: number; readonly error: WorkerError };

/** A failure as it crosses the process boundary: an input problem keeps its file/line/column. */
export type WorkerError =
  | { readonly kind: 'load'; readonly info: LoadErrorInfo }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'internal'; readonly message: string };

export function isWorkerReply(m: unknown): m is WorkerReply {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';
}

/**
 * A worker API as the pool sees it: each method takes plain-data args and a progress
 * callback and resolves with plain data. Worker entries export such an object, and its
 * type is what the host's calls are checked against (`typeof loaderApi`).
 */
export type WorkerApi = Record<string, WorkerMethod>;

/** Method syntax makes the parameters bivariant, so any concretely typed API method fits. */
type WorkerMethod = { method(args: unknown, progress: (p: unknown) => void, signal: AbortSignal): Promise<unknown> }['method'];
