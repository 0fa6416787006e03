// A global heap collection ("GCOL"): where HDF5 keeps the bytes of variable-length strings, here the string attributes.

import { ByteWriter } from './byte-writer.js';

/** HDF5 reads a collection in one piece of at least this size (H5HG_MINSIZE). */
const MIN_COLLECTION_BYTES = 4096;
const HEADER_BYTES = 16;
const OBJECT_HEADER_BYTES = 16;

function padded(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/** Bytes of a collection holding `objects`, including the trailing free-space object. */
export function globalHeapSize(objects: readonly Uint8Array[]): number {
  const used = HEADER_BYTES + objects.reduce((sum, o) => sum + OBJECT_HEADER_BYTES + padded(o.length), 0);
  return Math.max(MIN_COLLECTION_BYTES, used + OBJECT_HEADER_BYTES);
}

/**
 * Objects get indices 1, 2, … in order; index 0 is the free space after them, whose size counts its
 * own 16-byte header (as HDF5 writes it).
 */
export function encodeGlobalHeap(objects: readonly Uint8Array[]): Uint8Array {
  const size = globalHeapSize(objects);
  if (objects.length > 0xffff) throw new Error(`${objects.length} strings exceed one global heap collection`);
  const w = new ByteWriter().bytes(new Uint8Array([0x47, 0x43, 0x4f, 0x4c])).u8(1).zeros(3).u64(size);
  objects.forEach((o, i) => {
    w.u16(i + 1).u16(0).u32(0).u64(o.length).bytes(o).align(8);
  });
  const free = size - w.length;
  w.u16(0).u16(0).u32(0).u64(free).zeros(free - OBJECT_HEADER_BYTES);
  return w.result().slice();
}
