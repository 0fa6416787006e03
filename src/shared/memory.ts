// Memory samples the host pushes to the window about once a second.

export interface ProcessMemory {
  readonly pid: number;
  /** 'host', 'renderer', 'loader', 'export', … */
  readonly role: string;
  /** A short label, e.g. 'loader · coverage.txt'. */
  readonly label: string;
  readonly rssBytes: number;
}

export interface MemorySample {
  /** ms since epoch. */
  readonly time: number;
  readonly systemTotalBytes: number;
  /** total − available (Linux MemAvailable). */
  readonly systemUsedBytes: number;
  /** Bytes of all datasets in the store (tmpfs pages are in no process's RSS, so they are counted here). */
  readonly storeBytes: number;
  /** Capacity and free bytes of the shared-memory filesystem the store uses (/dev/shm), when there is one. */
  readonly shmCapacityBytes: number;
  readonly shmFreeBytes: number;
  readonly processes: readonly ProcessMemory[];
}

/** Before a load: what it will take against what is free. */
export interface AdmissionEstimate {
  readonly paths: readonly string[];
  readonly estimatedBytes: number;
  readonly shmFreeBytes: number;
  readonly fits: boolean;
  /** One sentence for the user, e.g. "2.1 GB will not fit in 1.2 GB of free shared memory; the disk temp dir will be used." */
  readonly message: string;
}
