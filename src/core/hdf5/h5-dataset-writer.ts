// Creates one chunked, resizable dataset and fills it block by block through h5wasm's raw write path.

import type { ColumnSource } from './column-source.js';
import { readMembers, scatterRows } from './h5-fill.js';
import type { HeapBuffer } from './h5-heap.js';
import type { H5Module } from './h5-module.js';
import type { DatasetPlan } from './h5-plan.js';

/** H5S_UNLIMITED; emscripten cannot export it because it is outside the int32 range. */
const H5S_UNLIMITED = 18446744073709551615n;
const H5Z_FILTER_DEFLATE = 1;

export interface Compression {
  readonly kind: 'none' | 'gzip';
  readonly level?: number;
}

/**
 * Creates the dataset empty with maxshape [unlimited] and resizes it once to its final length.
 * h5wasm's create_dataset always writes its whole shape from one buffer, so a dataset created
 * at full size would need all rows in the heap at once.
 */
export function createDataset(module: H5Module, fileId: bigint, plan: DatasetPlan, compression: Compression, heap: HeapBuffer): void {
  const gzip = compression.kind === 'gzip';
  const metadata = {
    ...plan.type,
    shape: [0n],
    maxshape: [H5S_UNLIMITED],
    chunks: [BigInt(plan.chunkRows)],
    // One filter only: h5wasm calls H5Pset_filter once, so shuffle+gzip cannot be chained.
    compression: gzip ? H5Z_FILTER_DEFLATE : 0,
    compression_opts: gzip ? [compression.level ?? 4] : [],
    track_order: false,
  };
  // Zero rows are written from this pointer; it must still be a valid address.
  const ptr = heap.reserve(1);
  module.create_dataset(fileId, plan.path, BigInt(ptr), metadata as unknown as Parameters<H5Module['create_dataset']>[3]);
  if (plan.rows > 0) module.resize_dataset(fileId, plan.path, [BigInt(plan.rows)]);
}

/**
 * Writes rows [first, first+count) of the dataset: reads each member column's window from the
 * source, lays the values out in the heap buffer (interleaved for a compound) and hands the
 * buffer to HDF5 in one call. `first` and `count` are chunk-aligned except for the last block.
 */
export function writeBlock(module: H5Module, fileId: bigint, plan: DatasetPlan, source: ColumnSource, heap: HeapBuffer, first: number, count: number): void {
  // Read every window first: the source is JS and may allocate, but nothing here may run wasm
  // between fetching HEAPU8 and the write call.
  const windows = readMembers(source, plan, first, count);
  const ptr = heap.reserve(plan.blockRows * plan.rowBytes);
  const bytes = heap.heap();
  scatterRows(bytes, ptr, plan, windows, count);
  module.set_dataset_data(fileId, plan.path, [BigInt(count)], [BigInt(first)], [1n], BigInt(ptr));
}
