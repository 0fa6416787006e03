// Writes uncompressed tables as contiguous HDF5 datasets without h5wasm: our own metadata, then each dataset's rows with plain positioned writes.

import { ftruncateSync } from 'node:fs';
import { layoutFile } from './format/file-layout.js';
import { readMembers, scatterRows } from './h5-fill.js';
import type { SourcePlan } from './h5-plan.js';
import { tableTree, type TableTreeOptions } from './h5-table-tree.js';
import { BackgroundFlush, writeAll, writeAllAsync } from '../positioned-writes.js';

/*
 * Why not h5wasm here: its write call runs at 0.2–0.4× native HDF5 for uncompressed data (the copy into
 * the wasm heap plus HDF5's own conversion path, see notes/h5wasm.md §7), and it cannot create a
 * contiguous dataset without holding all of it in the heap. A file of contiguous datasets needs only a
 * few kilobytes of metadata (format/), after which the rows are ordinary bytes at known offsets — the
 * same layout h5py writes for `create_dataset(data=structured_array)`. Chunked tables are written the
 * same way (h5-chunked-writer.ts); N-d array trees, whose attributes are copied through HDF5, still go
 * through h5wasm.
 */

export interface ContiguousWriteOptions extends Omit<TableTreeOptions, 'chunkedOf'> {
  /** Rows per write: the write buffer is `blockRows × rowBytes`. */
  readonly blockBytes: number;
  readonly afterBlock: (bytes: number) => Promise<void>;
}

/** Writes every plan into the open file `fd` (a fresh temporary); returns the file's size. */
export async function writeContiguous(fd: number, plans: readonly SourcePlan[], o: ContiguousWriteOptions): Promise<number> {
  const { root, datasets: nodes } = tableTree(plans, { ...o, chunkedOf: () => undefined });
  const layout = layoutFile(root);
  // The final size first: a reader checks the superblock's end-of-file address against it.
  ftruncateSync(fd, layout.fileBytes);
  writeAll(fd, layout.metadata, 0);

  const flush = new BackgroundFlush(fd);
  const maxRowBytes = Math.max(1, ...[...nodes.values()].map((n) => n.dataset.rowBytes));
  const bufferBytes = Math.max(maxRowBytes, Math.floor(o.blockBytes / maxRowBytes) * maxRowBytes);
  // Two buffers: one is written to the file on a libuv thread while the next block is laid out in the
  // other. Copying into fresh page-cache pages costs about twice the interleave, so they overlap.
  const buffers = [new Uint8Array(bufferBytes), new Uint8Array(bufferBytes)];
  const writing: (Promise<void> | undefined)[] = [undefined, undefined];
  let turn = 0;
  try {
    for (const [node, { plan, dataset: d }] of nodes) {
      const { address } = layout.data.get(node)!;
      const blockRows = Math.max(1, Math.floor(bufferBytes / d.rowBytes));
      for (let first = 0; first < d.rows; first += blockRows) {
        const count = Math.min(blockRows, d.rows - first);
        await writing[turn];
        const buffer = buffers[turn]!;
        scatterRows(buffer, 0, d, readMembers(plan.source, d, first, count), count);
        const write = writeAllAsync(fd, buffer.subarray(0, count * d.rowBytes), address + first * d.rowBytes);
        // Handled now so a failure waits for its turn instead of being an unhandled rejection.
        write.catch(() => undefined);
        writing[turn] = write;
        turn = 1 - turn;
        flush.wrote(count * d.rowBytes);
        await o.afterBlock(count * d.rowBytes);
      }
    }
    await Promise.all(writing);
  } finally {
    // The caller closes fd next: no write or flush may still be using it.
    await Promise.allSettled(writing);
    await flush.settle();
  }
  return layout.fileBytes;
}
