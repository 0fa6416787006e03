// Walks an open HDF5 file into the tree the window shows: groups, datasets with shape, dtype, filters and attributes.

import type { Attribute, Dataset, File, Group } from 'h5wasm/node';
import type { H5Attribute, H5TreeNode } from '../../shared/array-view.js';
import { describeType, entryLayout, filterName, filterProblem } from './h5-types-in.js';

/** A tree this big is already more than anyone scrolls; the rest is summarised. */
const MAX_NODES = 5000;
const MAX_ATTRIBUTE_TEXT = 200;

export function readTree(file: File): H5TreeNode {
  const budget = { left: MAX_NODES };
  return groupNode(file, file, '/', '/', budget);
}

function groupNode(file: File, g: Group, path: string, name: string, budget: { left: number }): H5TreeNode {
  const children: H5TreeNode[] = [];
  for (const key of safeKeys(g)) {
    if (budget.left-- <= 0) {
      children.push({ path: `${path}…`, name: '… (more entries not listed)', kind: 'link', attributes: [] });
      break;
    }
    const childPath = path === '/' ? `/${key}` : `${path}/${key}`;
    children.push(childNode(file, childPath, key, budget));
  }
  return { path, name, kind: 'group', attributes: attributesOf(g), children };
}

function childNode(file: File, path: string, name: string, budget: { left: number }): H5TreeNode {
  let entity;
  try {
    entity = file.get(path);
  } catch (e) {
    return { path, name, kind: 'link', attributes: [], problem: `cannot be read: ${hdf5Reason(e)}` };
  }
  if (!entity) return { path, name, kind: 'link', attributes: [], problem: 'a link to nothing' };
  // h5wasm's own type tag, not constructor names (bundlers may rename classes).
  const type = (entity as { type?: string }).type;
  switch (type) {
    case 'Group':
      return groupNode(file, entity as Group, path, name, budget);
    case 'Dataset':
      return datasetNode(entity as Dataset, path, name);
    case 'Datatype':
      return { path, name, kind: 'datatype', attributes: attributesOf(entity as Group) };
    default:
      return { path, name, kind: 'link', attributes: [], problem: `${type === 'ExternalLink' ? 'an external link' : 'a broken link'}; not followed` };
  }
}

function datasetNode(d: Dataset, path: string, name: string): H5TreeNode {
  try {
    const m = d.metadata;
    const filters = d.filters;
    let problem = filterProblem(filters);
    if (!problem) {
      try {
        entryLayout(m, d.shape);
      } catch (e) {
        problem = (e as Error).message;
      }
    }
    return {
      path, name, kind: 'dataset', shape: d.shape, dtype: describeType(m), filters: filters.map(filterName),
      attributes: attributesOf(d), ...(problem ? { problem } : {}),
    };
  } catch (e) {
    return { path, name, kind: 'dataset', attributes: [], problem: `cannot be read: ${hdf5Reason(e)}` };
  }
}

function safeKeys(g: Group): string[] {
  try {
    return g.keys();
  } catch {
    return [];
  }
}

function attributesOf(o: Group | Dataset): H5Attribute[] {
  let attrs: Record<string, Attribute>;
  try {
    attrs = o.attrs;
  } catch {
    return [];
  }
  return Object.entries(attrs).map(([name, a]) => ({ name, value: attributeText(a) }));
}

function attributeText(a: Attribute): string {
  try {
    const v = a.json_value;
    const text = typeof v === 'string' ? v : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
    return text.length > MAX_ATTRIBUTE_TEXT ? `${text.slice(0, MAX_ATTRIBUTE_TEXT - 1)}…` : text;
  } catch (e) {
    return `(not shown: ${hdf5Reason(e)})`;
  }
}

/** The innermost reason of an HDF5 error stack (h5wasm's message is the whole stack), else the message's first line. */
export function hdf5Reason(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const frames = [...text.matchAll(/#\d+: .* in (\w+)\(\): (.+)/g)];
  const last = frames[frames.length - 1];
  if (last) return `${last[2]!.trim()} (${last[1]})`;
  return text.split('\n')[0]!.slice(0, 300);
}
