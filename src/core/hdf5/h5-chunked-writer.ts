// Writes tables as chunked HDF5 datasets, optionally shuffle + gzip, compressing chunks on Node's zlib threads while the next ones are filled.

import { ftruncateSync } from 'node:fs';
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { chunkBtreeBytes, encodeChunkBtree, type WrittenChunk } from './format/chunk-btree.js';
import { encodeSuperblock, layoutFile } from './format/file-layout.js';
import { readMembers, scatterRows } from './h5-fill.js';
import type { SourcePlan } from './h5-plan.js';
import { tableTree, type TableTreeOptions } from './h5-table-tree.js';
import { BackgroundFlush, writeAll } from '../positioned-writes.js';
import { scatterRowsShuffled } from './shuffle-fill.js';

/*
 * Why by hand: h5wasm allows one filter per dataset (no shuffle before gzip) and has no direct chunk
 * write, so its gzip runs on one thread inside HDF5 and gives files ~1.5× larger than h5py's
 * shuffle+gzip. Here a chunk is laid out shuffled (shuffle-fill.ts), compressed by zlib on the libuv
 * thread pool (the zlib format HDF5's deflate filter reads), appended to the file, and indexed at the
 * end by a version 1 B-tree (format/chunk-btree.ts) — the layout h5py writes for
 * `create_dataset(..., chunks=…, compression='gzip', shuffle=True)`.
 */

const deflateAsync = promisify(deflate);

/** Chunks being compressed at once: enough to keep every zlib thread busy, few enough to bound memory (× ~2 MiB each). */
const IN_FLIGHT = 6;

export interface ChunkedWriteOptions extends Omit<TableTreeOptions, 'chunkedOf'> {
  /** gzip level 1–9 with shuffle; undefined writes the chunks unfiltered. */
  readonly gzip: number | undefined;
  readonly afterBlock: (bytes: number) => Promise<void>;
}

/** Writes every plan into the open file `fd` (a fresh temporary); returns the file's size. */
export async function writeChunked(fd: number, plans: readonly SourcePlan[], o: ChunkedWriteOptions): Promise<number> {
  const { root, datasets } = tableTree(plans, {
    ...o,
    chunkedOf: (d) => ({ chunkRows: d.chunkRows, chunks: Math.ceil(d.rows / d.chunkRows), ...(o.gzip !== undefined ? { gzip: o.gzip } : {}) }),
  });
  const layout = layoutFile(root);
  writeAll(fd, layout.metadata, 0);
  let end = layout.fileBytes;
  const flush = new BackgroundFlush(fd);
  // Compressions run ahead; their results are appended strictly in order so the file is the same every time.
  const queue: { input: Uint8Array; chunk: Promise<Uint8Array>; written: WrittenChunk[] }[] = [];
  // Input buffers go back here once zlib is done with them. A fresh 2 MiB buffer per chunk cost more than the
  // shuffle itself: every page of new memory is a page fault on first touch (~13 µs each on a VM measured here).
  const spare: Uint8Array[] = [];
  const appendOldest = async (): Promise<void> => {
    const next = queue.shift()!;
    const bytes = await next.chunk;
    writeAll(fd, bytes, end);
    next.written.push({ address: end, bytes: bytes.length });
    end += bytes.length;
    flush.wrote(bytes.length);
    spare.push(next.input);
  };
  try {
    for (const [node, { plan, dataset: d }] of datasets) {
      const written: WrittenChunk[] = [];
      for (let first = 0; first < d.rows; first += d.chunkRows) {
        const count = Math.min(d.chunkRows, d.rows - first);
        // Zeroed: HDF5 pads the last chunk with zeros, and the fills leave narrow strings' padding planes unwritten.
        const chunk = takeZeroed(spare, d.chunkRows * d.rowBytes);
        const windows = readMembers(plan.source, d, first, count);
        if (o.gzip !== undefined) scatterRowsShuffled(chunk, d.chunkRows, d, windows, count);
        else scatterRows(chunk, 0, d, windows, count);
        // One output buffer that holds the whole compressed chunk: with zlib's default 16 KiB the thread stops every
        // 16 KiB for a round trip through this (busy) thread, and the compressions took ~20% longer.
        const compressed = o.gzip !== undefined ? deflateAsync(chunk, { level: o.gzip, chunkSize: outputBound(chunk.length) }) : Promise.resolve(chunk);
        // Handled now so a failure waits for its turn in appendOldest instead of being an unhandled rejection.
        compressed.catch(() => undefined);
        queue.push({ input: chunk, chunk: compressed, written });
        if (queue.length >= IN_FLIGHT) await appendOldest();
        await o.afterBlock(count * d.rowBytes);
      }
      while (queue.length > 0) await appendOldest();
      const btree = layout.btrees.get(node);
      if (btree !== undefined) {
        const index = encodeChunkBtree(btree, written, d.chunkRows, d.rowBytes);
        if (index.length !== chunkBtreeBytes(written.length)) throw new Error(`chunk index of '${d.path}' has the wrong size`);
        writeAll(fd, index, btree);
      }
    }
    // The superblock's end-of-file address must not pass the file's size, or readers call it truncated.
    ftruncateSync(fd, end);
    writeAll(fd, encodeSuperblock(layout.rootAddress, end), 0);
  } finally {
    // The caller closes fd next: nothing may still be using it.
    await Promise.allSettled(queue.map((q) => q.chunk));
    await flush.settle();
  }
  return end;
}

/** A spare buffer of `bytes`, zeroed, or a new one (zeroed by allocation). */
function takeZeroed(spare: Uint8Array[], bytes: number): Uint8Array {
  const at = spare.findIndex((b) => b.length === bytes);
  if (at < 0) return new Uint8Array(bytes);
  const [buf] = spare.splice(at, 1);
  return buf!.fill(0);
}

/** At least zlib's deflateBound (default settings, zlib wrapper): the most `n` bytes can deflate to; zlib takes ≥ 64. */
function outputBound(n: number): number {
  return Math.max(64, n + (n >> 12) + (n >> 14) + (n >> 25) + 19);
}
