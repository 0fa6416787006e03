// An N-d array dataset of the segment store as an ArraySource: strided positional reads of its one .npy column file.

import fs from 'node:fs';
import path from 'node:path';
import { parseDType } from '../../shared/dtype.js';
import type { DatasetManifest } from '../store/manifest.js';
import type { ArraySource, RawBlock } from './array-reads.js';
import { readHyperslab, type Hyperslab } from './hyperslab.js';

/** Opens the array's file for one request; call close() when done (the caller holds the store lease meanwhile). */
export function storeArraySource(dir: string, m: DatasetManifest): ArraySource & { close(): void } {
  const col = m.columns[0];
  if (!m.array || !m.shape || !col || col.storage.kind !== 'plain') throw new Error(`dataset ${m.id} is not an N-d array`);
  if (m.state !== 'ready') throw new Error(`${m.name} is still loading; slices can be read once it is ready`);
  const d = parseDType(col.storage.dtype);
  const fd = fs.openSync(path.join(dir, col.storage.file), 'r');
  const shape = m.shape;
  const fortran = m.array.fortranOrder;
  const read = (offset: number, length: number): Uint8Array => {
    const buf = new Uint8Array(length);
    for (let done = 0; done < length; ) {
      const got = fs.readSync(fd, buf, done, length - done, m.headerBytes + offset + done);
      if (got === 0) throw new Error(`${col.storage.kind === 'plain' ? col.storage.file : ''}: shorter than its header says`);
      done += got;
    }
    return buf;
  };
  return {
    shape,
    dtype: d.descr,
    read: async (slab: Hyperslab): Promise<RawBlock> => ({ kind: 'bytes', bytes: readHyperslab(read, shape, fortran, d.itemSize, slab) }),
    close: () => fs.closeSync(fd),
  };
}
