// An HDF5 input file as an array tree to copy: its groups and every dataset h5wasm can read and write again, read in slabs in place.

import { basename } from 'node:path';
import type { Dataset, File, Group } from 'h5wasm/node';
import { readRaw } from '../h5read/h5-reader-api.js';
import { hdf5Reason } from '../h5read/h5-tree.js';
import { filterProblem } from '../h5read/h5-types-in.js';
import type { ArrayDatasetSource, ArrayTreeSource } from './array-source.js';
import { attributeCopier, type AttributeCopyContext } from './h5-attribute-copy.js';
import { loadH5 } from './h5-module.js';
import { copyType } from './h5-type-copy.js';

/** Soft links can make cycles; nobody nests groups this deep on purpose. */
const MAX_DEPTH = 64;
/** Variable-length strings are copied whole (h5wasm cannot write them by slab): only up to this many. */
const MAX_VLEN_STRINGS = 1_000_000;
const H5T_STRING = 3;

export interface H5FileTree {
  readonly tree: ArrayTreeSource;
  close(): void;
}

/**
 * Opens `path` read-only in this process's h5wasm module (the same one the export writes with).
 * With `only`, copies just those dataset paths (an entry opened in the window) and their parent
 * groups; otherwise every group and every dataset. Datasets that cannot be decoded or written are
 * left out with one `warn` line each, naming the dataset and why.
 */
export async function openH5FileTree(path: string, name: string, warn: (line: string) => void, only?: readonly string[]): Promise<H5FileTree> {
  const { h5, module } = await loadH5();
  const label = basename(path);
  let file: File;
  try {
    file = new h5.File(path, 'r');
  } catch (e) {
    throw new Error(`${label}: not a readable HDF5 file: ${hdf5Reason(e)}`);
  }
  const ctx: AttributeCopyContext = { h5, module, sourceFileId: file.file_id, warn, label };
  const groups: ArrayTreeSource['groups'][number][] = [];
  const datasets: ArrayDatasetSource[] = [];
  const wanted = only ? new Set(only) : undefined;
  const needed = (p: string): boolean => !wanted || [...wanted].some((w) => w === p || w.startsWith(p === '/' ? '/' : `${p}/`));

  const visit = (g: Group, at: string, depth: number): void => {
    groups.push({ path: relative(at), copyAttributes: attributeCopier(ctx, at, true) });
    let keys: string[];
    try {
      keys = g.keys();
    } catch (e) {
      warn(`${label}:${at}: group not listed: ${hdf5Reason(e)}`);
      return;
    }
    for (const key of keys) {
      const child = at === '/' ? `/${key}` : `${at}/${key}`;
      if (!needed(child)) continue;
      let entity;
      try {
        entity = file.get(child);
      } catch (e) {
        warn(`${label}:${child}: skipped: ${hdf5Reason(e)}`);
        continue;
      }
      const type = (entity as { type?: string } | null)?.type;
      if (type === 'Group') {
        if (depth >= MAX_DEPTH) warn(`${label}:${child}: skipped: groups nested deeper than ${MAX_DEPTH} (a soft-link cycle?)`);
        else visit(entity as Group, child, depth + 1);
      } else if (type === 'Dataset') {
        const d = datasetSource(entity as Dataset, child);
        if (typeof d === 'string') warn(`${label}:${child}: dataset skipped: ${d}`);
        else datasets.push(d);
      } else if (type !== 'Datatype') {
        warn(`${label}:${child}: skipped: ${type === 'ExternalLink' ? 'an external link' : 'a broken link'}, not followed`);
      }
    }
  };

  const datasetSource = (d: Dataset, at: string): ArrayDatasetSource | string => {
    try {
      const problem = filterProblem(d.filters);
      if (problem) return problem;
      const shape = d.shape;
      if (shape === null) return 'it holds no values (null dataspace)';
      const m = d.metadata;
      if (m.type === H5T_STRING && m.vlen) return vlenSource(d, at, shape);
      const t = copyType(m);
      if (!t.ok) return `its type is ${t.reason}`;
      return {
        path: relative(at), shape, type: t.type, tagDtype: t.type.bool,
        copyAttributes: attributeCopier(ctx, at, false),
        read: (slab) => readRaw(module, d, slab),
      };
    } catch (e) {
      return `cannot be read: ${hdf5Reason(e)}`;
    }
  };

  const vlenSource = (d: Dataset, at: string, shape: number[]): ArrayDatasetSource | string => {
    const n = shape.reduce((a, b) => a * b, 1);
    if (n > MAX_VLEN_STRINGS) return `${n} variable-length strings; h5wasm writes them only in one piece, and more than ${MAX_VLEN_STRINGS} are not copied`;
    const type = { meta: { type: H5T_STRING, size: 8, signed: false, vlen: false as const, littleEndian: true as const }, itemSize: 8, numpy: 'str', h5py: 'str', bool: false };
    return {
      path: relative(at), shape, type, tagDtype: false,
      copyAttributes: attributeCopier(ctx, at, false),
      read: () => new Uint8Array(0),
      strings: () => {
        const v = d.value;
        return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : String(x)));
      },
    };
  };

  try {
    visit(file, '/', 0);
  } catch (e) {
    file.close();
    throw e;
  }
  return { tree: { name, groups, datasets }, close: () => file.close() };
}

/** '/a/b' → 'a/b'; the file's root group is the tree's root. */
function relative(p: string): string {
  return p.replace(/^\/+/, '');
}
