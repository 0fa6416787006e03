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
