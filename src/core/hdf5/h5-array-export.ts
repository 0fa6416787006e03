// The N-d array part of an export: plans every array tree before the file exists, then creates its groups and copies its datasets.

import type { H5Wasm, H5Module } from './h5-module.js';
import type { ArrayDatasetSource, ArrayTreeSource } from './array-source.js';
import { writeAttributes } from './h5-attributes.js';
import { arrayBlocks, arrayLayout, type ArrayLayout } from './h5-array-plan.js';
import { createArrayDataset, writeArrayBlock } from './h5-array-writer.js';
import type { Compression } from './h5-dataset-writer.js';
import type { HeapBuffer } from './h5-heap.js';

export interface ArrayDatasetPlan {
  /** Absolute HDF5 path in the output. */
  readonly path: string;
  readonly source: ArrayDatasetSource;
  readonly layout: ArrayLayout;
  readonly bytes: number;
}

export interface ArrayTreePlan {
  readonly root: string;
  readonly tree: ArrayTreeSource;
  readonly datasets: readonly ArrayDatasetPlan[];
}

function under(root: string, path: string): string {
  return path === '' ? root : `${root}/${path}`;
}

/** `rootNames` are the trees' unique link names in the root group (shared with the tables' names). */
export function planArrays(trees: readonly ArrayTreeSource[], rootNames: readonly string[], blockBytes: number): ArrayTreePlan[] {
  return trees.map((tree, t) => {
    const root = `/${rootNames[t]!}`;
    const datasets = tree.datasets.map((source) => {
      const elements = source.shape.reduce((a, b) => a * b, 1);
      return { path: under(root, source.path), source, layout: arrayLayout(source.shape, source.type.itemSize, blockBytes), bytes: elements * source.type.itemSize };
    });
    return { root, tree, datasets };
  });
}

export interface ArrayWriteContext {
  readonly h5: H5Wasm;
  readonly module: H5Module;
  readonly fileId: bigint;
  readonly compression: Compression;
  readonly heap: HeapBuffer;
  readonly dtypeAttribute: string;
  /** Called after every block with the bytes it wrote; reports progress and lets an abort in. */
  readonly afterBlock: (bytes: number) => Promise<void>;
}

export async function writeArrayTree(plan: ArrayTreePlan, c: ArrayWriteContext): Promise<void> {
  for (const g of plan.tree.groups) {
    const path = under(plan.root, g.path);
    c.module.create_group(c.fileId, path, true);
    const group = new c.h5.Group(c.fileId, path);
    writeAttributes(group, g.attributes ?? {});
    g.copyAttributes?.(c.fileId, path);
  }
  for (const d of plan.datasets) {
    const { source } = d;
    createArrayDataset(c.module, c.fileId, d.path, source, d.layout, c.compression, c.heap);
    const target = new c.h5.Dataset(c.fileId, d.path);
    source.copyAttributes?.(c.fileId, d.path);
    if (source.tagDtype && !(c.dtypeAttribute in target.attrs)) target.create_attribute(c.dtypeAttribute, source.type.numpy, []);
    writeAttributes(target, source.attributes ?? {});
    if (source.shape.length === 0 || source.strings) {
      await c.afterBlock(d.bytes);
      continue;
    }
    for (const slab of arrayBlocks(source.shape, d.layout)) await c.afterBlock(writeArrayBlock(c.module, c.fileId, d.path, source, c.heap, slab));
  }
}
