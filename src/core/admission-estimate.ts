// Before a load: how many store bytes the files will take, against free shared memory, in one sentence for the user.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AdmissionEstimate } from '../shared/memory.js';
import { sniffFormat } from './format-sniff.js';
import { listZip } from './npy/zip-index.js';

/** Binary columns are rarely larger than their text; gzip text inflates about 4×; HDF5 is read in place; .npz members inflate to their listed sizes. */
export function estimateStoreBytes(path: string): number {
  const size = statSync(path).size;
  const format = sniffFormat(path);
  if (format === 'hdf5') return 0;
  if (format === 'zip') return listZip(path).reduce((n, m) => n + m.size, 0);
  return format === 'gzip' ? size * 4 : size;
}

export function estimateAdmission(paths: readonly string[], shmFreeBytes: number): AdmissionEstimate {
  let estimatedBytes = 0;
  for (const p of paths) {
    try {
      estimatedBytes += estimateStoreBytes(resolve(p));
    } catch {
      // A missing file adds nothing; opening it reports the error.
    }
  }
  const fits = estimatedBytes <= shmFreeBytes;
  const gb = (n: number): string => `${(n / 1e9).toFixed(2)} GB`;
  return {
    paths: [...paths],
    estimatedBytes,
    shmFreeBytes,
    fits,
    message: fits
      ? `About ${gb(estimatedBytes)} of ${gb(shmFreeBytes)} free shared memory.`
      : `About ${gb(estimatedBytes)} will not fit in ${gb(shmFreeBytes)} of free shared memory; the disk temp dir will be used.`,
  };
}
