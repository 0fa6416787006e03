// Decides, before any file exists, what each source becomes: HDF5 paths, types, chunk and block sizes.

import type { ColumnSource } from './column-source.js';
import { columnNames, datasetNames } from './h5-names.js';
import { compoundMeta, h5Column, structuredDescr, type H5Column, type H5TypeMeta } from './h5-types.js';

/** ~2 MiB per chunk: big enough for gzip and few chunk-index entries, small enough that a reader decompresses little for a window. */
const CHUNK_TARGET_BYTES = 2 << 20;
/**
 * Per set_dataset_data call (always at least one chunk). 4 MiB keeps the column windows and the write
 * buffer in the CPU cache: 32 MiB blocks measured 4–5× slower store reads and a slower interleave,
 * while h5wasm's per-call H5Dopen/H5Dclose is negligible next to a 4 MiB write.
 */
export const DEFAULT_BLOCK_BYTES = 4 << 20;
/** A chunk must fit the write buffer in the 2 GiB wasm heap next to HDF5's own chunk buffers. */
const MAX_CHUNK_BYTES = 512 << 20;

/** One HDF5 dataset to create and fill: the whole compound table, or one column of a 'columns' group. */
export interface DatasetPlan {
  /** Absolute HDF5 path, e.g. '/coverage' or '/coverage/pos'. */
  readonly path: string;
  readonly rows: number;
  /** Bytes per row in the file and in the write buffer. */
  readonly rowBytes: number;
  readonly chunkRows: number;
  /** Rows per write call: a whole number of chunks, so no chunk is written twice. */
  readonly blockRows: number;
  readonly type: H5TypeMeta;
  /** Member names of a compound dataset; absent for a column dataset. */
  readonly memberNames?: readonly string[];
  /** Source column index and its type at byte `offset` within a row (one entry for a column dataset). */
  readonly members: readonly { readonly index: number; readonly column: H5Column; readonly offset: number }[];
  /** Intended NumPy dtype, written as the 'numpy_dtype' attribute (tells readers a uint8 is really bool). */
  readonly numpyDtype: string;
  /** The dtype h5py reports, for the export result. */
  readonly h5pyDtype: string;
}

export interface SourcePlan {
  readonly source: ColumnSource;
  /** Where the provenance attributes go: the compound dataset or the group. */
  readonly path: string;
  /** Set for the 'columns' layout: the group to create first. */
  readonly group?: string;
  readonly datasets: readonly DatasetPlan[];
}

export function chunkRowsFor(rowBytes: number, rows: number, requested: number | undefined): number {
  let chunk: number;
  if (requested !== undefined) {
    if (!Number.isSafeInteger(requested) || requested < 1) throw new Error(`chunk rows must be a positive integer, got ${requested}`);
    chunk = requested;
  } else {
    chunk = 2 ** Math.floor(Math.log2(Math.max(1, CHUNK_TARGET_BYTES / rowBytes)));
  }
  // A chunk longer than the dataset only allocates space nobody uses.
  chunk = Math.min(chunk, Math.max(1, rows));
  if (chunk * rowBytes > MAX_CHUNK_BYTES) throw new Error(`a chunk of ${chunk} rows × ${rowBytes} bytes exceeds ${MAX_CHUNK_BYTES >> 20} MiB`);
  return chunk;
}

export function blockRowsFor(chunkRows: number, rowBytes: number, rows: number, blockBytes: number): number {
  const chunks = Math.max(1, Math.floor(blockBytes / (chunkRows * rowBytes)));
  // Never more whole chunks than the dataset needs, so the buffer is not larger than the data.
  return chunkRows * Math.min(chunks, Math.max(1, Math.ceil(rows / chunkRows)));
}

function datasetPlan(path: string, rows: number, members: DatasetPlan['members'], names: readonly string[], opts: PlanOptions): DatasetPlan {
  const columns = members.map((m) => m.column);
  const compound = opts.layout === 'compound';
  const type = compound ? compoundMeta(names, columns) : columns[0]!.meta;
  const rowBytes = columns.reduce((sum, c) => sum + c.itemSize, 0);
  const chunkRows = chunkRowsFor(rowBytes, rows, opts.chunkRows);
  return {
    path, rows, rowBytes, chunkRows, type, members,
    ...(compound ? { memberNames: names } : {}),
    blockRows: blockRowsFor(chunkRows, rowBytes, rows, opts.blockBytes),
    numpyDtype: compound ? JSON.stringify(structuredDescr(names, columns, 'numpy')) : columns[0]!.numpy,
    h5pyDtype: compound ? JSON.stringify(structuredDescr(names, columns, 'h5py')) : columns[0]!.h5py,
  };
}

export interface PlanOptions {
  readonly layout: 'compound' | 'columns';
  readonly chunkRows: number | undefined;
  readonly blockBytes: number;
}

/** Plans every source; throws (before any file is created) on a dtype or shape the writer cannot honour. */
export function planExport(sources: readonly ColumnSource[], opts: PlanOptions, names: readonly string[] = datasetNames(sources.map((s) => s.name))): SourcePlan[] {
  return sources.map((source, s) => {
    const where = `dataset '${source.name}'`;
    if (!Number.isSafeInteger(source.rows) || source.rows < 0) throw new Error(`${where}: invalid row count ${source.rows}`);
    const columns = source.columns.map((c) => {
      try {
        return h5Column(c.dtype);
      } catch (e) {
        throw new Error(`${where}, column '${c.name}': ${(e as Error).message}`);
      }
    });
    const cols = columnNames(source.columns.map((c) => c.name), opts.layout);
    const path = `/${names[s]!}`;
    if (opts.layout === 'compound') {
      if (columns.length === 0) throw new Error(`${where}: a compound dataset needs at least one column`);
      let offset = 0;
      const members = columns.map((column, index) => {
        const m = { index, column, offset };
        offset += column.itemSize;
        return m;
      });
      return { source, path, datasets: [datasetPlan(path, source.rows, members, cols, opts)] };
    }
    const datasets = columns.map((column, index) => datasetPlan(`${path}/${cols[index]!}`, source.rows, [{ index, column, offset: 0 }], [cols[index]!], opts));
    return { source, path, group: path, datasets };
  });
}
