// The HDF5 reader worker's API: holds one file open with h5wasm and answers tree, layout and slab requests for it.

import type { Dataset, File } from 'h5wasm/node';
import type { H5TreeNode } from '../../shared/array-view.js';
import type { ColumnValues } from '../../shared/row-window.js';
import type { RawBlock } from '../arrays/array-reads.js';
import type { Hyperslab } from '../arrays/hyperslab.js';
import { loadH5, type H5Module } from '../hdf5/h5-module.js';
import { LoadError } from '../load-error.js';
import { compoundColumns } from './h5-compound.js';
import { hdf5Reason, readTree } from './h5-tree.js';
import { entryLayout, filterProblem, type EntryLayout } from './h5-types-in.js';

export interface SlabRequest {
  readonly path: string;
  readonly slab: Hyperslab;
}

export interface RowsRequest {
  readonly path: string;
  readonly first: number;
  readonly count: number;
}

/** One reader per process; the host starts a process per opened file, so this state is that file's. */
export function createReaderApi() {
  let file: File | null = null;
  let fileName = '';
  let module: H5Module | null = null;
  const layouts = new Map<string, EntryLayout>();

  const dataset = (path: string): Dataset => {
    if (!file) throw new Error('no HDF5 file is open in this reader');
    const d = file.get(path);
    if (!d || (d as { type?: string }).type !== 'Dataset') throw new LoadError({ file: fileName, message: `'${path}' is not a dataset` });
    return d as Dataset;
  };

  const layoutOf = (path: string): EntryLayout => {
    const known = layouts.get(path);
    if (known) return known;
    const d = dataset(path);
    const problem = filterProblem(d.filters);
    if (problem) throw new LoadError({ file: fileName, message: `${path}: ${problem}` });
    let layout: EntryLayout;
    try {
      layout = entryLayout(d.metadata, d.shape);
    } catch (e) {
      throw new LoadError({ file: fileName, message: `${path}: ${(e as Error).message}` });
    }
    layouts.set(path, layout);
    return layout;
  };

  const guard = <T>(path: string, what: () => T): T => {
    try {
      return what();
    } catch (e) {
      if (e instanceof LoadError) throw e;
      throw new LoadError({ file: fileName, message: `${path}: reading failed: ${hdf5Reason(e)}` });
    }
  };

  return {
    open: async (req: { path: string }, _progress: (p: never) => void): Promise<{ tree: H5TreeNode }> => {
      const h5 = await loadH5();
      module = h5.module;
      fileName = req.path;
      try {
        file = new h5.h5.File(req.path, 'r');
      } catch (e) {
        throw new LoadError({ file: req.path, message: `not a readable HDF5 file: ${hdf5Reason(e)}` });
      }
      return { tree: readTree(file) };
    },

    layout: async (req: { path: string }, _progress: (p: never) => void): Promise<EntryLayout> => layoutOf(req.path),

    /** Raw little-endian element bytes of a hyperslab (HDF5 converts byte order), or strings for variable-length strings. */
    readSlab: async (req: SlabRequest, _progress: (p: never) => void): Promise<RawBlock> => guard(req.path, () => {
      const layout = layoutOf(req.path);
      if (layout.kind !== 'array') throw new Error('a table, not an array');
      const d = dataset(req.path);
      const dsRank = d.shape?.length ?? 0;
      // Array-typed elements add trailing dimensions that HDF5 reads whole: slice the dataset part, then cut.
      const extra = layout.shape.slice(dsRank);
      const slab = req.slab;
      const dsSlab: Hyperslab = { start: slab.start.slice(0, dsRank), count: slab.count.slice(0, dsRank), step: slab.step.slice(0, dsRank) };
      if (layout.dtype === 'str') return { kind: 'strings', values: readStrings(d, dsSlab) };
      const whole = readRaw(module!, d, dsSlab);
      if (extra.length === 0) return { kind: 'bytes', bytes: whole };
      return { kind: 'bytes', bytes: cutElementDims(whole, dsSlab.count, extra, slab, dsRank, d.metadata.size) };
    }),

    readRows: async (req: RowsRequest, _progress: (p: never) => void): Promise<{ name: string; dtype: string; data: ColumnValues }[]> => guard(req.path, () => {
      const layout = layoutOf(req.path);
      if (layout.kind !== 'table') throw new Error('an array, not a table');
      return compoundColumns(dataset(req.path), layout, req.first, req.count);
    }),
  };
}

export type ReaderApi = ReturnType<typeof createReaderApi>;

export function readRaw(module: H5Module, d: Dataset, slab: Hyperslab): Uint8Array {
  const m = d.metadata;
  const n = slab.count.reduce((a, b) => a * b, 1);
  const nbytes = n * m.size;
  if (nbytes === 0) return new Uint8Array(0);
  const ptr = module._malloc(nbytes);
  if (!ptr) throw new Error(`cannot allocate ${nbytes} bytes in the HDF5 heap`);
  try {
    const scalar = slab.count.length === 0;
    module.get_dataset_data(
      d.file_id, d.path,
      scalar ? null : slab.count.map(BigInt), scalar ? null : slab.start.map(BigInt), scalar ? null : slab.step.map(BigInt),
      BigInt(ptr),
    );
    return module.HEAPU8.slice(ptr, ptr + nbytes);
  } finally {
    module._free(ptr);
  }
}

function readStrings(d: Dataset, slab: Hyperslab): string[] {
  if (slab.count.length === 0) return [String(d.value)];
  const ranges = slab.start.map((s, k) => [s, s + slab.count[k]! * slab.step[k]!, slab.step[k]!] as [number, number, number]);
  const v = d.slice(ranges);
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

/** From whole array-typed elements, keeps the requested box of the element's own dimensions. */
function cutElementDims(whole: Uint8Array, dsCount: readonly number[], extra: readonly number[], slab: Hyperslab, dsRank: number, elementBytes: number): Uint8Array {
  const itemSize = elementBytes / extra.reduce((a, b) => a * b, 1);
  const outerN = dsCount.reduce((a, b) => a * b, 1);
  const innerCount = slab.count.slice(dsRank);
  const innerN = innerCount.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(outerN * innerN * itemSize);
  const strides = extra.map((_, k) => extra.slice(k + 1).reduce((a, b) => a * b, 1));
  const idx = new Array<number>(extra.length).fill(0);
  for (let j = 0; j < innerN; j++) {
    let rem = j;
    for (let k = extra.length - 1; k >= 0; k--) {
      idx[k] = rem % innerCount[k]!;
      rem = Math.floor(rem / innerCount[k]!);
    }
    let off = 0;
    for (let k = 0; k < extra.length; k++) off += (slab.start[dsRank + k]! + idx[k]! * slab.step[dsRank + k]!) * strides[k]!;
    for (let o = 0; o < outerN; o++) {
      const from = o * elementBytes + off * itemSize;
      out.set(whole.subarray(from, from + itemSize), (o * innerN + j) * itemSize);
    }
  }
  return out;
}
