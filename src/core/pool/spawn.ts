// The small seam through which a host starts worker processes: child_process.fork in Node hosts, utilityProcess.fork in Electron.

/** Why a worker process ended. */
export interface WorkerExit {
  readonly code: number | null;
  /** 'killed', 'crashed', 'oom', 'clean-exit', … (Electron's child-process-gone reasons, or the Node signal name). */
  readonly reason: string;
}

/** A running worker process as the pool sees it. */
export interface WorkerProcess {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (exit: WorkerExit) => void): void;
  /** Ends the process at once (SIGKILL where the platform has it). */
  kill(): void;
}

/** Which worker entry to start. */
export type WorkerKind = 'loader' | 'export' | 'h5reader' | 'compute';

export interface WorkerSpawner {
  spawn(kind: WorkerKind, label: string): WorkerProcess;
}

/**
 * Environment added for some kinds of worker. Compute workers sort and filter with large fresh typed arrays; on
 * 4 KB pages the first touch of each page dominates (about 13 µs a page measured here), and glibc's hugetlb
 * tunable lets malloc'd array memory use transparent huge pages: a 10M-row sort went from 1.19–1.46 s to
 * 0.42–0.62 s in a compute worker. Where huge pages are unavailable the variable has no effect; Electron's
 * utility processes allocate through Chromium's allocator, so there it may not apply (not measured).
 */
const WORKER_ENV: Partial<Record<WorkerKind, Readonly<Record<string, string>>>> = {
  compute: { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' },
};

/**
 * Variables a worker starts without. NODE_EXTRA_CA_CERTS makes every Node process parse that certificate bundle
 * as it starts (~40 ms of CPU each on the test machine, where it names the system bundle); workers make no TLS
 * connections, and three forked workers starting at once on 2 cores were up ~90 ms sooner without it.
 */
const NOT_FOR_WORKERS = ['NODE_EXTRA_CA_CERTS'];

/** The environment a worker of `kind` starts with: the host's minus NOT_FOR_WORKERS, plus WORKER_ENV[kind]. */
export function workerEnv(host: NodeJS.ProcessEnv, kind: WorkerKind): NodeJS.ProcessEnv {
  const env = { ...host, ...WORKER_ENV[kind] };
  for (const name of NOT_FOR_WORKERS) delete env[name];
  return env;
}
