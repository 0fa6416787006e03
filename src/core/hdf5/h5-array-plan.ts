// Decides how an N-d array is stored and written: element type, chunk shape, and the bounded blocks it is copied in.

import { parseDType } from '../../shared/dtype.js';
import type { Hyperslab } from '../arrays/hyperslab.js';
import type { ArrayElementType } from './array-source.js';
import { compoundMeta, h5Column } from './h5-types.js';

/** ~2 MiB per chunk, as for tables: gzip works well and a reader decompresses little for a window. */
const CHUNK_TARGET_BYTES = 2 << 20;

/**
 * The stored type of a NumPy dtype (little-endian, as the store keeps it). Complex becomes the
 * compound {r, i} of two floats, which is what h5py writes for complex and reads back as complex.
 * Throws for what h5wasm cannot create: float16 (no H5T for it in h5wasm) and 'U' strings.
 */
export function arrayElementType(dtype: string): ArrayElementType {
  const d = parseDType(dtype);
  if (d.byteOrder === '>') throw new Error(`dtype ${d.descr}: big-endian elements must be converted before writing`);
  if (d.kind === 'c') {
    if (d.itemSize !== 8 && d.itemSize !== 16) throw new Error(`dtype ${d.descr}: only complex64 and complex128 can be written`);
    const part = h5Column(`<f${d.itemSize / 2}`);
    return { meta: compoundMeta(['r', 'i'], [part, part]), itemSize: d.itemSize, numpy: d.descr, h5py: d.descr, bool: false };
  }
  if (d.kind === 'f' && d.itemSize === 2) throw new Error(`dtype ${d.descr}: float16 cannot be written (h5wasm creates float32 and float64 only)`);
  if (d.kind === 'U') throw new Error(`dtype ${d.descr}: NumPy unicode strings have no HDF5 type h5py reads back as ${d.descr}`);
  const c = h5Column(d.descr);
  return { meta: c.meta, itemSize: c.itemSize, numpy: c.numpy, h5py: c.h5py, bool: c.kind === 'bool' };
}

export interface ArrayLayout {
  /** Chunk shape; every entry ≥ 1 (HDF5 refuses empty chunks). Empty for a scalar. */
  readonly chunk: readonly number[];
  /** The dimension blocks advance along: dimensions before it go one index at a time, after it whole; -1 = one block. */
  readonly split: number;
  /** Indices of `split` per block: whole chunks, at most about `blockBytes`. */
  readonly blockLength: number;
  /** Elements of the largest block. */
  readonly blockElements: number;
}

/**
 * Chunks hold whole trailing dimensions up to ~2 MiB and split the first dimension that does not
 * fit; blocks are whole chunks along that dimension, so no chunk is written twice and memory per
 * block stays bounded however large the array (a block never holds more than one index of the
 * dimensions before the split).
 */
export function arrayLayout(shape: readonly number[], itemSize: number, blockBytes: number): ArrayLayout {
  const nd = shape.length;
  if (nd === 0) return { chunk: [], split: -1, blockLength: 1, blockElements: 1 };
  let inner = itemSize;
  let k = nd - 1;
  while (k >= 0 && inner * Math.max(1, shape[k]!) <= CHUNK_TARGET_BYTES) {
    inner *= Math.max(1, shape[k]!);
    k--;
  }
  const chunk = shape.map((s, i) => (i > k ? Math.max(1, s) : 1));
  if (k < 0) return { chunk, split: -1, blockLength: 1, blockElements: inner / itemSize };
  const chunkLength = Math.max(1, Math.floor(CHUNK_TARGET_BYTES / inner));
  chunk[k] = Math.min(chunkLength, Math.max(1, shape[k]!));
  const chunks = Math.max(1, Math.floor(blockBytes / (chunk[k]! * inner)));
  const blockLength = Math.min(chunk[k]! * chunks, Math.max(1, shape[k]!));
  return { chunk, split: k, blockLength, blockElements: (blockLength * inner) / itemSize };
}

/** The blocks of an array in file order, as hyperslabs. */
export function* arrayBlocks(shape: readonly number[], layout: ArrayLayout): Generator<Hyperslab> {
  const nd = shape.length;
  if (shape.some((s) => s === 0)) return;
  const ones = new Array<number>(nd).fill(1);
  if (layout.split < 0) {
    yield { start: new Array<number>(nd).fill(0), count: [...shape], step: ones };
    return;
  }
  const k = layout.split;
  const outer = new Array<number>(k).fill(0);
  for (;;) {
    for (let s = 0; s < shape[k]!; s += layout.blockLength) {
      const start = [...outer, s, ...new Array<number>(nd - k - 1).fill(0)];
      const count = [...new Array<number>(k).fill(1), Math.min(layout.blockLength, shape[k]! - s), ...shape.slice(k + 1)];
      yield { start, count, step: ones };
    }
    let j = k - 1;
    for (; j >= 0; j--) {
      if (++outer[j]! < shape[j]!) break;
      outer[j] = 0;
    }
    if (j < 0) return;
  }
}
