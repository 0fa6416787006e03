// The version 1 B-tree HDF5 uses to index a chunked dataset's chunks ("TREE" nodes, type 1), built whole once every chunk is written.

import { ByteWriter, UNDEFINED_ADDRESS } from './byte-writer.js';

/*
 * HDF5 File Format Specification III.A.1 "Version 1 B-trees". Readers size every node from the
 * chunk B-tree's K, which is 32 unless a superblock extension says otherwise (ours has none), so
 * each node holds up to 2K = 64 children and is written at full size, unused entries zero.
 * For a 1-d dataset a key is: chunk bytes on disk (u32), filter mask (u32), the chunk's first
 * element (u64), and its offset in the element-size dimension (u64, 0). A node's keys are the first
 * key of each child plus a last key one chunk past its last chunk — HDF5 adds the layout's dimensions
 * to the last chunk's offsets, so that key's element-size offset is the element size. This is what the
 * HDF5 library writes, byte for byte (a test compares against a file h5py wrote).
 */

const ENTRIES = 64;
const KEY_BYTES = 4 + 4 + 8 + 8;
const HEADER_BYTES = 4 + 1 + 1 + 2 + 8 + 8;
export const NODE_BYTES = HEADER_BYTES + (ENTRIES + 1) * KEY_BYTES + ENTRIES * 8;

export interface WrittenChunk {
  readonly address: number;
  /** Bytes on disk (after the filters). */
  readonly bytes: number;
}

/** Nodes per level, root first. */
function levels(chunks: number): number[] {
  if (chunks === 0) return [];
  const out = [Math.ceil(chunks / ENTRIES)];
  while (out[0]! > 1) out.unshift(Math.ceil(out[0]! / ENTRIES));
  return out;
}

/** Bytes of the whole tree for `chunks` chunks (0 for none: an empty dataset has no index). */
export function chunkBtreeBytes(chunks: number): number {
  return levels(chunks).reduce((a, b) => a + b, 0) * NODE_BYTES;
}

/**
 * Encodes the tree for `chunks` (in row order) with its root at `base`, nodes top-down and left to
 * right after it. `chunkRows` rows per chunk, `elementBytes` per row.
 */
export function encodeChunkBtree(base: number, chunks: readonly WrittenChunk[], chunkRows: number, elementBytes: number): Uint8Array {
  const perLevel = levels(chunks.length);
  const out = new Uint8Array(chunkBtreeBytes(chunks.length));
  // First node index of each level in the top-down order.
  const firstNode = perLevel.map((_, l) => perLevel.slice(0, l).reduce((a, b) => a + b, 0));
  // Chunks covered by one node at each level: 64 at the leaves, ×64 per level up.
  const span = perLevel.map((_, l) => ENTRIES ** (perLevel.length - l));
  const key = (w: ByteWriter, chunk: number, last: boolean): void => {
    w.u32(last ? 0 : chunks[chunk]!.bytes).u32(0).u64(chunk * chunkRows).u64(last ? elementBytes : 0);
  };
  perLevel.forEach((count, l) => {
    const leaf = l === perLevel.length - 1;
    for (let j = 0; j < count; j++) {
      const first = j * span[l]!;
      const last = Math.min(chunks.length, first + span[l]!);
      const childSpan = leaf ? 1 : span[l + 1]!;
      const children = Math.ceil((last - first) / childSpan);
      const w = new ByteWriter().bytes(new Uint8Array([0x54, 0x52, 0x45, 0x45])).u8(1).u8(perLevel.length - 1 - l).u16(children);
      const at = (node: number): number => base + (firstNode[l]! + node) * NODE_BYTES;
      w.u64(j > 0 ? at(j - 1) : UNDEFINED_ADDRESS).u64(j < count - 1 ? at(j + 1) : UNDEFINED_ADDRESS);
      for (let c = 0; c < children; c++) {
        const chunk = first + c * childSpan;
        key(w, chunk, false);
        w.u64(leaf ? chunks[chunk]!.address : base + (firstNode[l + 1]! + chunk / childSpan) * NODE_BYTES);
      }
      key(w, last, true);
      out.set(w.result(), (firstNode[l]! + j) * NODE_BYTES);
    }
  });
  return out;
}
