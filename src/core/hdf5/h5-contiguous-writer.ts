// Writes uncompressed tables as contiguous HDF5 datasets without h5wasm: each table's rows as it is committed, then our own metadata after them.

import { ftruncateSync } from 'node:fs';
import { DATA_START, layoutAfterData, nextDataAddress, type DatasetNode } from './format/file-layout.js';
import type { GrowingSource } from './growing-source.js';
import type { ColumnSource } from './column-source.js';
import { readMembers, scatterRows } from './h5-fill.js';
import type { DatasetPlan, SourcePlan } from './h5-plan.js';
import { tableTree, type TableTreeOptions } from './h5-table-tree.js';
import { BackgroundFlush, writeAll, writeAllAsync } from '../positioned-writes.js';

/*
 * Why not h5wasm here: its write call runs at 0.2–0.4× native HDF5 for uncompressed data (the copy into
 * the wasm heap plus HDF5's own conversion path, see notes/h5wasm.md §7), and it cannot create a
 * contiguous dataset without holding all of it in the heap. A file of contiguous datasets needs only a
 * few kilobytes of metadata (format/), and the rows are ordinary bytes at known offsets. The rows go first
 * and the metadata after them (layoutAfterData): a table's first row has a fixed address before anyone
 * knows how many rows it will have, so a convert writes a table while it is still loading. Chunked tables
 * are written by h5-chunked-writer.ts; N-d array trees, whose attributes are copied through HDF5, still go
 * through h5wasm.
 */

export interface ContiguousWriteOptions extends Omit<TableTreeOptions, 'chunkedOf'> {
  /** The write buffer's size: rows are laid out and written this many bytes at a time. */
  readonly blockBytes: number;
  /** Plans the `index`th table (its HDF5 name fixed by the caller); throws on a dtype the writer cannot store. */
  readonly plan: (source: ColumnSource, index: number) => SourcePlan;
  readonly afterBlock: (bytes: number) => Promise<void>;
}

export interface ContiguousResult {
  readonly fileBytes: number;
  /** Each table's plan for its whole rows. */
  readonly plans: readonly SourcePlan[];
}

/** Same datasets with the same row layout: rows written under `a` stay valid under `b`. */
function sameLayout(a: SourcePlan, b: SourcePlan): boolean {
  return a.datasets.length === b.datasets.length && a.datasets.every((d, i) => d.path === b.datasets[i]!.path && d.numpyDtype === b.datasets[i]!.numpyDtype && d.rowBytes === b.datasets[i]!.rowBytes);
}

/** Writes every table into the open file `fd` (a fresh temporary), each as its load commits rows; returns the file's size and the final plans. */
export async function writeContiguous(fd: number, tables: readonly GrowingSource[], o: ContiguousWriteOptions): Promise<ContiguousResult> {
  const writer = new RowWriter(fd, o.blockBytes, o.afterBlock);
  const plans: SourcePlan[] = [];
  const addresses = new Map<DatasetPlan, number>();
  let end = DATA_START;
  try {
    for (const [index, table] of tables.entries()) {
      let plan: SourcePlan | undefined;
      let written = 0;
      let start = end;
      for (;;) {
        const { source, final } = await table.next();
        const next = o.plan(source, index);
        // A 'columns' table is one range per column, whose length is known only once the load ends.
        if (next.datasets.length > 1 && !final) continue;
        if (!plan) {
          // A table still loading starts on a page whatever its final size, as a big one would; a small whole one
          // right after what came before.
          const bytes = next.datasets[0]?.rowBytes ?? 0;
          start = nextDataAddress(end, final ? source.rows * bytes : Number.MAX_SAFE_INTEGER);
        } else if (!sameLayout(plan, next)) {
          // A column widened mid-load (inferred types only): the rows so far are written again in the new layout.
          written = 0;
        }
        plan = next;
        let at = start;
        for (const d of plan.datasets) {
          at = plan.datasets.length > 1 ? nextDataAddress(at, d.rows * d.rowBytes) : at;
          addresses.set(d, at);
          await writer.write(plan, d, at, written, d.rows - written);
          at += d.rows * d.rowBytes;
        }
        written = source.rows;
        if (final) {
          end = at;
          break;
        }
      }
      plans.push(plan!);
    }
    await writer.drain();
  } finally {
    // The caller closes fd next: no write or flush may still be using it.
    await writer.settle();
  }

  const { root, datasets: nodes } = tableTree(plans, { ...o, chunkedOf: () => undefined });
  const data = new Map<DatasetNode, number>([...nodes].map(([node, { dataset }]) => [node, addresses.get(dataset)!]));
  const layout = layoutAfterData(root, data, end);
  // The superblock last and the size exact: rows written before a column widened never reach past `end`, since a
  // wider row only moves the end further.
  writeAll(fd, layout.metadata, layout.metadataAddress);
  ftruncateSync(fd, layout.fileBytes);
  writeAll(fd, layout.superblock, 0);
  return { fileBytes: layout.fileBytes, plans };
}

/** Lays rows out in a buffer and writes them on a libuv thread while the next buffer is laid out. */
class RowWriter {
  private buffers: Uint8Array[] = [];
  private readonly writing: (Promise<void> | undefined)[] = [undefined, undefined];
  private turn = 0;
  private readonly flush: BackgroundFlush;

  constructor(
    private readonly fd: number,
    private readonly blockBytes: number,
    private readonly afterBlock: (bytes: number) => Promise<void>,
  ) {
    this.flush = new BackgroundFlush(fd);
  }

  /** Rows [first, first + count) of dataset `d` of `plan`, the dataset's data starting at `address`. */
  async write(plan: SourcePlan, d: DatasetPlan, address: number, first: number, count: number): Promise<void> {
    const bufferBytes = Math.max(d.rowBytes, Math.floor(this.blockBytes / d.rowBytes) * d.rowBytes);
    // Copying into fresh page-cache pages costs about twice the interleave, so two buffers overlap them.
    if (!this.buffers.length || this.buffers[0]!.length < bufferBytes) {
      await this.drain();
      this.buffers = [new Uint8Array(bufferBytes), new Uint8Array(bufferBytes)];
    }
    const blockRows = Math.floor(this.buffers[0]!.length / d.rowBytes);
    for (let at = first; at < first + count; at += blockRows) {
      const n = Math.min(blockRows, first + count - at);
      await this.writing[this.turn];
      const buffer = this.buffers[this.turn]!;
      scatterRows(buffer, 0, d, readMembers(plan.source, d, at, n), n);
      const write = writeAllAsync(this.fd, buffer.subarray(0, n * d.rowBytes), address + at * d.rowBytes);
      // Handled now so a failure waits for its turn instead of being an unhandled rejection.
      write.catch(() => undefined);
      this.writing[this.turn] = write;
      this.turn = 1 - this.turn;
      this.flush.wrote(n * d.rowBytes);
      await this.afterBlock(n * d.rowBytes);
    }
  }

  /** Waits for the writes in flight; rejects with the first that failed. */
  async drain(): Promise<void> {
    await Promise.all(this.writing);
  }

  /** Waits for every write and flush, failed or not. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.writing);
    await this.flush.settle();
  }
}
