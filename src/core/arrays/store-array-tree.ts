// An N-d array dataset of the segment store as an array tree for the HDF5 writer: one dataset, read by synchronous positional reads.

import fs from 'node:fs';
import path from 'node:path';
import type { ArrayTreeSource } from '../hdf5/array-source.js';
import { arrayElementType } from '../hdf5/h5-array-plan.js';
import type { DatasetManifest } from '../store/manifest.js';
import { readHyperslab, type Hyperslab } from './hyperslab.js';

/**
 * The element type the array is written as; throws a one-line message naming the dataset and its
 * dtype when the writer cannot store it, so a host can refuse before any file is created.
 */
export function storeArrayType(m: DatasetManifest): ReturnType<typeof arrayElementType> {
  const col = m.columns[0];
  if (!m.array || !m.shape || !col || col.storage.kind !== 'plain') throw new Error(`${m.name}: not an N-d array dataset`);
  try {
    return arrayElementType(col.storage.dtype);
  } catch (e) {
    throw new Error(`${m.name}: cannot be written to HDF5: ${(e as Error).message}`);
  }
}

/**
 * Reads go through readHyperslab, which walks the file in its own order: a Fortran-order array
 * comes out in C order, so HDF5 (always C order) holds exactly what np.load returns.
 */
export function storeArrayTree(dir: string, m: DatasetManifest, name: string, attributes: Record<string, string | number>): ArrayTreeSource & { close(): void } {
  const type = storeArrayType(m);
  const col = m.columns[0]!;
  if (col.storage.kind !== 'plain') throw new Error(`${m.name}: not an N-d array dataset`);
  const fd = fs.openSync(path.join(dir, col.storage.file), 'r');
  const shape = m.shape!;
  const fortran = m.array!.fortranOrder;
  const read = (offset: number, length: number): Uint8Array => {
    const buf = new Uint8Array(length);
    for (let done = 0; done < length; ) {
      const got = fs.readSync(fd, buf, done, length - done, m.headerBytes + offset + done);
      if (got === 0) throw new Error(`${m.name}: its store file is shorter than its shape says`);
      done += got;
    }
    return buf;
  };
  return {
    name,
    groups: [],
    datasets: [{
      path: '', shape, type, attributes, tagDtype: true,
      read: (slab) => {
        // The writer's blocks of a C-order array are one contiguous run of the file: read it in one call.
        const run = fortran ? null : contiguousRun(shape, slab);
        return run ? read(run.first * type.itemSize, run.count * type.itemSize) : readHyperslab(read, shape, fortran, type.itemSize, slab);
      },
    }],
    close: () => fs.closeSync(fd),
  };
}

/** For a C-order array: the slab as [first, first+count) of the flat elements when it is one run, else null. */
function contiguousRun(shape: readonly number[], slab: Hyperslab): { first: number; count: number } | null {
  const nd = shape.length;
  let k = 0;
  while (k < nd && slab.count[k] === 1) k++;
  for (let j = k + 1; j < nd; j++) if (slab.start[j] !== 0 || slab.count[j] !== shape[j]) return null;
  if (k < nd && slab.step[k] !== 1) return null;
  let first = 0;
  for (let j = 0; j < nd; j++) first = first * shape[j]! + slab.start[j]!;
  return { first, count: slab.count.reduce((a, b) => a * b, 1) };
}
