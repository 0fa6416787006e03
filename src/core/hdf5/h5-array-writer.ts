// Creates one chunked N-d dataset and copies an array into it block by block through h5wasm's raw write path.

import type { Hyperslab } from '../arrays/hyperslab.js';
import type { ArrayDatasetSource } from './array-source.js';
import type { ArrayLayout } from './h5-array-plan.js';
import type { Compression } from './h5-dataset-writer.js';
import type { HeapBuffer } from './h5-heap.js';
import type { H5Module } from './h5-module.js';

/** H5S_UNLIMITED; emscripten cannot export it because it is outside the int32 range. */
const H5S_UNLIMITED = 18446744073709551615n;
const H5Z_FILTER_DEFLATE = 1;
const H5T_STRING = 3;
const CSET_UTF8 = 1;

type WriteMeta = Parameters<H5Module['create_dataset']>[3];

/**
 * A scalar is created with its one value (HDF5 cannot chunk a scalar dataspace). Anything else is
 * created empty along the first dimension and resized, because h5wasm's create_dataset writes its
 * whole shape from one buffer. Dimensions of length 0 get an unlimited maximum: a chunk must be ≥ 1
 * and no longer than a fixed dimension.
 */
export function createArrayDataset(module: H5Module, fileId: bigint, path: string, src: ArrayDatasetSource, layout: ArrayLayout, compression: Compression, heap: HeapBuffer): void {
  const { shape, type } = src;
  if (src.strings) {
    const dims = shape.map(BigInt);
    const meta = { type: H5T_STRING, size: 4, signed: false, vlen: true, littleEndian: true, cset: CSET_UTF8, shape: dims, maxshape: dims, chunks: null, compression: 0, compression_opts: [], track_order: false };
    module.create_vlen_str_dataset(fileId, path, src.strings(), meta as unknown as WriteMeta);
    return;
  }
  if (shape.length === 0) {
    const value = src.read({ start: [], count: [], step: [] });
    const ptr = heap.reserve(type.itemSize);
    putElements(heap, ptr, value, type.bool);
    module.create_dataset(fileId, path, BigInt(ptr), { ...type.meta, shape: [], maxshape: [], chunks: null, track_order: false } as unknown as WriteMeta);
    return;
  }
  const gzip = compression.kind === 'gzip';
  const metadata = {
    ...type.meta,
    shape: [0n, ...shape.slice(1).map(BigInt)],
    maxshape: shape.map((s, i) => (i === 0 || s === 0 ? H5S_UNLIMITED : BigInt(s))),
    chunks: layout.chunk.map(BigInt),
    compression: gzip ? H5Z_FILTER_DEFLATE : 0,
    compression_opts: gzip ? [compression.level ?? 4] : [],
    track_order: false,
  };
  const ptr = heap.reserve(1);
  module.create_dataset(fileId, path, BigInt(ptr), metadata as unknown as WriteMeta);
  if (shape[0]! > 0) module.resize_dataset(fileId, path, shape.map(BigInt));
}

/** Reads one block from the source and writes it at the same place in the output. */
export function writeArrayBlock(module: H5Module, fileId: bigint, path: string, src: ArrayDatasetSource, heap: HeapBuffer, slab: Hyperslab): number {
  const n = slab.count.reduce((a, b) => a * b, 1);
  const bytes = src.read(slab);
  if (bytes.length !== n * src.type.itemSize) throw new Error(`${path}: ${bytes.length} bytes read for ${n} elements of ${src.type.numpy}`);
  // Read before touching the heap: the source may run wasm (an HDF5 read) and grow it.
  const ptr = heap.reserve(bytes.length);
  putElements(heap, ptr, bytes, src.type.bool);
  module.set_dataset_data(fileId, path, slab.count.map(BigInt), slab.start.map(BigInt), slab.step.map(BigInt), BigInt(ptr));
  return bytes.length;
}

function putElements(heap: HeapBuffer, ptr: number, bytes: Uint8Array, bool: boolean): void {
  const h = heap.heap();
  if (!bool) {
    h.set(bytes, ptr);
    return;
  }
  // Bool is stored as uint8: any nonzero byte means True, as NumPy reads it.
  for (let i = 0; i < bytes.length; i++) h[ptr + i] = bytes[i] ? 1 : 0;
}
