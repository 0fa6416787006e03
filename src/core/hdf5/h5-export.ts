// Entry point of the HDF5 export: plans, writes every source into a temporary file, and renames it into place.

import type { File } from 'h5wasm/node';
import { writeAtomically } from '../export/streamed-file.js';
import type { ArrayTreeSource } from './array-source.js';
import type { ColumnSource } from './column-source.js';
import { planArrays, writeArrayTree, type ArrayTreePlan } from './h5-array-export.js';
import { writeChunked } from './h5-chunked-writer.js';
import { writeContiguous, type ContiguousResult } from './h5-contiguous-writer.js';
import { finalSource, wholeSource, type GrowingSource } from './growing-source.js';
import { writeAttributes } from './h5-attributes.js';
import { createDataset, writeBlock, type Compression } from './h5-dataset-writer.js';
import { HeapBuffer } from './h5-heap.js';
import { loadH5 } from './h5-module.js';
import { datasetNames } from './h5-names.js';
import { DEFAULT_BLOCK_BYTES, planExport, type DatasetPlan, type SourcePlan } from './h5-plan.js';

export interface Hdf5ExportOptions {
  readonly destination: string;
  readonly layout: 'compound' | 'columns';
  /**
   * gzip level 1–9 (default 4, as h5py). Tables get shuffle before gzip, as h5py's shuffle=True; N-d arrays
   * (written through h5wasm, which allows one filter) get gzip alone. Only filters stock h5py reads.
   */
  readonly compression: Compression;
  /** Rows per HDF5 chunk (default ~2 MiB of rows); an uncompressed export of tables without it is contiguous. */
  readonly chunkRows?: number;
  /** Upper bound of the buffer handed to HDF5 per call (default 4 MiB); tests lower it to force many blocks. */
  readonly blockBytes?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: { bytesWritten: number; bytesTotal: number }) => void;
  /** N-d arrays (a lone array or a copied HDF5 file's tree), written after the tables as datasets of their own shape. */
  readonly arrays?: readonly ArrayTreeSource[];
}

export interface Hdf5ExportResult {
  readonly fileBytes: number;
  /** Every HDF5 dataset written: path, rows and the dtype h5py reports (JSON descr list for a compound). */
  readonly datasets: { name: string; rows: number; dtype: string; shape?: number[] }[];
}

/** A table's HDF5 dataset as the result lists it. */
function tableResult(d: DatasetPlan): Hdf5ExportResult['datasets'][number] {
  return { name: d.path, rows: d.rows, dtype: d.h5pyDtype };
}

/** The NumPy dtype each dataset is meant to have; differs from what h5py reports only for bool (stored as uint8). */
const NUMPY_DTYPE_ATTRIBUTE = 'numpy_dtype';

function checkOptions(o: Hdf5ExportOptions): void {
  if (o.layout !== 'compound' && o.layout !== 'columns') throw new Error(`unknown layout '${String(o.layout)}'`);
  const { kind, level } = o.compression;
  if (kind !== 'none' && kind !== 'gzip') throw new Error(`unknown compression '${String(kind)}'`);
  if (kind === 'gzip' && level !== undefined && !(Number.isInteger(level) && level >= 1 && level <= 9)) {
    throw new Error(`gzip level must be an integer 1–9, got ${level}`);
  }
  if (o.blockBytes !== undefined && !(Number.isSafeInteger(o.blockBytes) && o.blockBytes >= 1)) throw new Error(`invalid blockBytes ${o.blockBytes}`);
}

/**
 * Writes `tables` to `options.destination`. The destination changes only when the export
 * succeeds: the file is written beside it as `.<name>.<pid>-<random>.partial`, closed (an
 * unclosed HDF5 file is corrupt), fsynced and renamed. On an error or abort the temporary is
 * removed and the error (CancelledError for an abort) is rethrown. Runs synchronously in
 * blocks; between blocks it reports progress and yields so an abort can arrive. A table may
 * still be loading (a GrowingSource): uncompressed contiguous tables are written as their rows
 * are committed; every other kind of export waits for the whole table first.
 */
export async function exportHdf5(tables: readonly (ColumnSource | GrowingSource)[], options: Hdf5ExportOptions): Promise<Hdf5ExportResult> {
  checkOptions(options);
  const blockBytes = options.blockBytes ?? DEFAULT_BLOCK_BYTES;
  const trees = options.arrays ?? [];
  const growing = tables.map((t) => ('next' in t ? t : wholeSource(t)));
  // One namespace for the root group: a table and an array of the same name must not collide.
  const names = datasetNames([...growing.map((s) => s.name), ...trees.map((t) => t.name)]);
  const planOptions = { layout: options.layout, chunkRows: options.chunkRows, blockBytes };
  const planOne = (source: ColumnSource, index: number): SourcePlan => planExport([source], planOptions, [names[index]!])[0]!;
  const attributesOf = (p: SourcePlan): Record<string, string | number> => withoutReserved(p.source.attributes);
  // Tables alone are written by our own HDF5 encoder: contiguous when uncompressed without a requested chunk size
  // (as h5py writes by default), chunked otherwise. N-d array trees need h5wasm (their attributes are copied through
  // HDF5), and the tables exported with them go the same way.
  if (trees.length === 0 && options.compression.kind === 'none' && options.chunkRows === undefined) {
    // Whole tables are planned before any file exists, so a dtype the writer cannot store is refused first.
    for (const [i, t] of tables.entries()) if (!('next' in t)) planOne(t, i);
    const known = new Map<number, number>();
    const bytesOf = (p: SourcePlan): number => p.datasets.reduce((sum, d) => sum + d.rows * d.rowBytes, 0);
    let written: ContiguousResult | undefined;
    const fileBytes = await writeAtomically(options, () => [...known.values()].reduce((a, b) => a + b, 0), async (out) => {
      let bytesWritten = 0;
      written = await writeContiguous(out.fd, growing, {
        dtypeAttribute: NUMPY_DTYPE_ATTRIBUTE,
        attributesOf,
        blockBytes,
        plan: (source, index) => {
          const plan = planOne(source, index);
          known.set(index, bytesOf(plan));
          return plan;
        },
        afterBlock: (bytes) => out.afterBlock((bytesWritten += bytes)),
      });
    });
    return { fileBytes, datasets: written!.plans.flatMap((p) => p.datasets).map(tableResult) };
  }

  const sources: ColumnSource[] = [];
  for (const table of growing) sources.push(await finalSource(table));
  const plans = sources.map(planOne);
  const arrayPlans = planArrays(trees, names.slice(sources.length), blockBytes);
  const arrayDatasets = arrayPlans.flatMap((p) => p.datasets);
  const datasets = plans.flatMap((p) => p.datasets);
  const bytesTotal = datasets.reduce((sum, d) => sum + d.rows * d.rowBytes, 0) + arrayDatasets.reduce((sum, d) => sum + d.bytes, 0);
  const fileBytes = await writeAtomically(options, bytesTotal, async (out) => {
    let bytesWritten = 0;
    const afterBlock = (bytes: number): Promise<void> => out.afterBlock((bytesWritten += bytes));
    if (trees.length > 0) {
      await writeWithH5wasm(out.path, plans, arrayPlans, options, afterBlock);
      return;
    }
    const common = { dtypeAttribute: NUMPY_DTYPE_ATTRIBUTE, attributesOf, afterBlock };
    await writeChunked(out.fd, plans, { ...common, gzip: options.compression.kind === 'gzip' ? (options.compression.level ?? 4) : undefined });
  });
  return {
    fileBytes,
    datasets: [
      ...datasets.map(tableResult),
      ...arrayDatasets.map((d) => ({ name: d.path, rows: d.source.shape[0] ?? 1, dtype: d.source.type.h5py, shape: [...d.source.shape] })),
    ],
  };
}

/** N-d array trees, and the tables exported with them (chunked, gzip without shuffle), through h5wasm's raw write path into `partial`. */
async function writeWithH5wasm(
  partial: string, plans: readonly SourcePlan[], arrayPlans: readonly ArrayTreePlan[], options: Hdf5ExportOptions,
  afterBlock: (bytes: number) => Promise<void>,
): Promise<void> {
  const { h5, module } = await loadH5();
  const datasets = plans.flatMap((p) => p.datasets);
  const arrayDatasets = arrayPlans.flatMap((p) => p.datasets);
  const heap = new HeapBuffer(module);
  let file: File | undefined;
  try {
    // track_order: h5py lists datasets and columns in source order rather than alphabetically.
    file = new h5.File(partial, 'w', true);
    const fileId = file.file_id;
    heap.reserve(Math.max(1, ...datasets.map(bufferBytes), ...arrayDatasets.map((d) => d.layout.blockElements * d.source.type.itemSize)));
    for (const plan of plans) {
      if (plan.group) module.create_group(fileId, plan.group, true);
      for (const d of plan.datasets) {
        createDataset(module, fileId, d, options.compression, heap);
        new h5.Dataset(fileId, d.path).create_attribute(NUMPY_DTYPE_ATTRIBUTE, d.numpyDtype, []);
      }
      const target = plan.group ? new h5.Group(fileId, plan.path) : new h5.Dataset(fileId, plan.path);
      writeAttributes(target, withoutReserved(plan.source.attributes));
      for (const d of plan.datasets) {
        for (let first = 0; first < d.rows; first += d.blockRows) {
          const count = Math.min(d.blockRows, d.rows - first);
          writeBlock(module, fileId, d, plan.source, heap, first, count);
          await afterBlock(count * d.rowBytes);
        }
      }
    }
    for (const plan of arrayPlans) {
      await writeArrayTree(plan, { h5, module, fileId, compression: options.compression, heap, dtypeAttribute: NUMPY_DTYPE_ATTRIBUTE, afterBlock });
    }
    const open = file;
    file = undefined;
    open.close();
  } catch (e) {
    if (file) closeQuietly(file);
    throw e;
  } finally {
    heap.free();
  }
}

function bufferBytes(d: DatasetPlan): number {
  return d.blockRows * d.rowBytes;
}

/** The writer owns 'numpy_dtype': a source attribute of that name would collide with it. */
function withoutReserved(attributes: Record<string, string | number>): Record<string, string | number> {
  const { [NUMPY_DTYPE_ATTRIBUTE]: _reserved, ...rest } = attributes;
  return rest;
}

function closeQuietly(file: File): void {
  try {
    file.close();
  } catch {
    // The export already failed; the temporary is removed next, whatever state it is in.
  }
}
