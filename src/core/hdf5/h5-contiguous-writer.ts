// Writes uncompressed tables as contiguous HDF5 datasets without h5wasm: our own metadata, then each dataset's rows with plain positioned writes.

import { fdatasync, ftruncateSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { compoundType, columnType } from './format/datatype-message.js';
import { layoutFile, type AttributeValue, type DatasetNode, type GroupNode } from './format/file-layout.js';
import { readColumnBytes, scatter } from './h5-fill.js';
import type { DatasetPlan, SourcePlan } from './h5-plan.js';

/*
 * Why not h5wasm here: its write call runs at 0.2–0.4× native HDF5 for uncompressed data (the copy into
 * the wasm heap plus HDF5's own conversion path, see notes/h5wasm.md §7), and it cannot create a
 * contiguous dataset without holding all of it in the heap. A file of contiguous datasets needs only a
 * few kilobytes of metadata (format/), after which the rows are ordinary bytes at known offsets — the
 * same layout h5py writes for `create_dataset(data=structured_array)`. Compressed and chunked exports,
 * and N-d array trees (whose attributes are copied through HDF5), still go through h5wasm.
 */

export interface ContiguousWriteOptions {
  /** The 'numpy_dtype' attribute name: the intended dtype of each dataset (tells readers a uint8 is really bool). */
  readonly dtypeAttribute: string;
  /** Source attributes with reserved names already removed. */
  readonly attributesOf: (plan: SourcePlan) => Record<string, string | number>;
  /** Rows per write: the write buffer is `blockRows × rowBytes`. */
  readonly blockBytes: number;
  readonly afterBlock: (bytes: number) => Promise<void>;
}

function datasetNode(d: DatasetPlan, name: string, attributes: [string, AttributeValue][]): DatasetNode {
  const columns = d.members.map((m) => m.column);
  const names = d.memberNames;
  return {
    kind: 'dataset', name, shape: [d.rows], elementBytes: d.rowBytes, attributes,
    encodeType: (w) => (names ? compoundType(w, names, columns) : columnType(w, columns[0]!)),
  };
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Writes every plan into the open file `fd` (a fresh temporary); returns the file's size. */
export async function writeContiguous(fd: number, plans: readonly SourcePlan[], o: ContiguousWriteOptions): Promise<number> {
  const nodes = new Map<DatasetNode, { plan: SourcePlan; dataset: DatasetPlan }>();
  const children = plans.map((plan): GroupNode | DatasetNode => {
    const sourceAttributes = Object.entries(o.attributesOf(plan));
    const dtypeOf = (d: DatasetPlan): [string, AttributeValue] => [o.dtypeAttribute, d.numpyDtype];
    if (!plan.group) {
      const d = plan.datasets[0]!;
      const node = datasetNode(d, lastSegment(plan.path), [dtypeOf(d), ...sourceAttributes]);
      nodes.set(node, { plan, dataset: d });
      return node;
    }
    const columns = plan.datasets.map((d) => {
      const node = datasetNode(d, lastSegment(d.path), [dtypeOf(d)]);
      nodes.set(node, { plan, dataset: d });
      return node;
    });
    return { kind: 'group', name: lastSegment(plan.path), children: columns, attributes: sourceAttributes };
  });
  const layout = layoutFile({ kind: 'group', name: '/', children, attributes: [] });
  // The final size first: a reader checks the superblock's end-of-file address against it.
  ftruncateSync(fd, layout.fileBytes);
  writeAll(fd, layout.metadata, 0);

  const flush = new BackgroundFlush(fd);
  const maxRowBytes = Math.max(1, ...[...nodes.values()].map((n) => n.dataset.rowBytes));
  const buffer = new Uint8Array(Math.max(maxRowBytes, Math.floor(o.blockBytes / maxRowBytes) * maxRowBytes));
  try {
    for (const [node, { plan, dataset: d }] of nodes) {
      const { address } = layout.data.get(node)!;
      const blockRows = Math.max(1, Math.floor(buffer.length / d.rowBytes));
      for (let first = 0; first < d.rows; first += blockRows) {
        const count = Math.min(blockRows, d.rows - first);
        for (const m of d.members) {
          const window = readColumnBytes(plan.source, m.index, m.column, first, count);
          scatter(buffer, m.offset, d.rowBytes, m.column.itemSize, window, count, m.column.kind === 'bool');
        }
        writeAll(fd, buffer.subarray(0, count * d.rowBytes), address + first * d.rowBytes);
        flush.wrote(count * d.rowBytes);
        await o.afterBlock(count * d.rowBytes);
      }
    }
  } finally {
    // The caller closes fd next: no flush may still be using it.
    await flush.settle();
  }
  return layout.fileBytes;
}

const flushData = promisify(fdatasync);

/**
 * Starts an fdatasync on a libuv thread every FLUSH_BYTES written (one at a time), so the disk writes
 * the file while the rest is still being written, and the fsync before the final rename finds little
 * left to do: on 520 MB that fsync took 0.45–0.52 s at the end.
 */
class BackgroundFlush {
  private static readonly FLUSH_BYTES = 64 << 20;
  private unflushed = 0;
  private pending: Promise<void> | undefined;

  constructor(private readonly fd: number) {}

  wrote(bytes: number): void {
    this.unflushed += bytes;
    if (this.pending || this.unflushed < BackgroundFlush.FLUSH_BYTES) return;
    this.unflushed = 0;
    // Failures are ignored: the final fsync before the rename reports any that matters.
    this.pending = flushData(this.fd).catch(() => undefined).finally(() => (this.pending = undefined));
  }

  async settle(): Promise<void> {
    await this.pending;
  }
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}
