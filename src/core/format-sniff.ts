// Tells what kind of file this is from its first bytes (never from its name alone), with a clear word for what we cannot open yet.

import { openSync, readSync, closeSync } from 'node:fs';

export type SniffedFormat = 'text' | 'gzip' | 'npy' | 'zip' | 'hdf5' | 'netcdf3' | 'empty';

const HDF5_MAGIC = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/** HDF5 may sit after a user block of 512, 1024, 2048, … bytes (MATLAB v7.3 files have one of 512). */
const HDF5_OFFSETS = [0, 512, 1024, 2048, 4096];

export function sniffFormat(path: string): SniffedFormat {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(8);
    const n = readSync(fd, head, 0, 8, 0);
    if (n === 0) return 'empty';
    if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    if (head.subarray(0, 6).equals(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]))) return 'npy';
    if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'zip';
    if (head.subarray(0, 3).toString('latin1') === 'CDF') return 'netcdf3';
    for (const offset of HDF5_OFFSETS) {
      const m = Buffer.alloc(8);
      if (readSync(fd, m, 0, 8, offset) === 8 && m.equals(HDF5_MAGIC)) return 'hdf5';
    }
    return 'text';
  } finally {
    closeSync(fd);
  }
}
