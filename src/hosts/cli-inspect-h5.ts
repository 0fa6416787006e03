// `arrayport inspect FILE.h5`: the file's tree (groups, datasets with shape, dtype, filters, attributes) and each dataset's first values.

import type { H5TreeNode } from '../shared/array-view.js';
import { formatValue } from '../shared/format-value.js';
import { readArraySlice } from '../core/arrays/array-reads.js';
import { createReaderApi } from '../core/h5read/h5-reader-api.js';
import { LoadError } from '../core/load-error.js';

const nop = (): void => {};
/** Values shown per dataset: a peek, not a dump. */
const PEEK = 6;

export async function inspectHdf5(file: string, headRows: number, json: boolean): Promise<number> {
  const api = createReaderApi();
  const { tree } = await api.open({ path: file }, nop);
  const peeks = new Map<string, string>();
  for (const node of datasets(tree)) {
    if (node.problem) continue;
    try {
      peeks.set(node.path, await peek(api, node.path, Math.min(headRows, PEEK)));
    } catch (e) {
      peeks.set(node.path, `(${e instanceof LoadError ? e.info.message : (e as Error).message})`);
    }
  }
  if (json) {
    process.stdout.write(`${JSON.stringify({ file, format: 'hdf5', tree, head: Object.fromEntries(peeks) })}\n`);
    return 0;
  }
  const lines = [`${file}\n`, 'format   hdf5\n'];
  const walk = (n: H5TreeNode, depth: number): void => {
    const pad = '  '.repeat(depth);
    if (n.kind === 'group') lines.push(`${pad}${n.path === '/' ? '/' : `${n.name}/`}${attrs(n)}\n`);
    else if (n.kind === 'dataset') {
      const shape = n.shape === null ? 'empty' : `(${(n.shape ?? []).join(', ')}${n.shape?.length === 1 ? ',' : ''})`;
      const filters = n.filters?.length ? ` [${n.filters.join(', ')}]` : '';
      lines.push(`${pad}${n.name}  ${shape} ${n.dtype}${filters}${attrs(n)}\n`);
      const detail = n.problem ? `! ${n.problem}` : peeks.get(n.path);
      if (detail) lines.push(`${pad}  ${detail}\n`);
    } else lines.push(`${pad}${n.name}  (${n.kind})${n.problem ? ` ${n.problem}` : ''}\n`);
    for (const c of n.children ?? []) walk(c, depth + 1);
  };
  walk(tree, 0);
  process.stdout.write(lines.join(''));
  return 0;
}

function* datasets(n: H5TreeNode): Generator<H5TreeNode> {
  if (n.kind === 'dataset') yield n;
  for (const c of n.children ?? []) yield* datasets(c);
}

function attrs(n: H5TreeNode): string {
  if (n.attributes.length === 0) return '';
  const shown = n.attributes.slice(0, 4).map((a) => `${a.name}=${a.value.length > 40 ? `${a.value.slice(0, 39)}…` : a.value}`);
  return `  {${shown.join(', ')}${n.attributes.length > 4 ? `, … ${n.attributes.length - 4} more` : ''}}`;
}

/** The first values in C order (of the first row of a table), as text. */
async function peek(api: ReturnType<typeof createReaderApi>, path: string, count: number): Promise<string> {
  const layout = await api.layout({ path }, nop);
  if (layout.kind === 'table') {
    const cols = await api.readRows({ path, first: 0, count: 1 }, nop);
    return cols.map((c) => `${c.name}=${formatValue(c.data.values[0] ?? null, c.dtype)}`).join(' ');
  }
  const shape = layout.shape;
  const nd = shape.length;
  const source = { shape, dtype: layout.dtype, read: (slab: Parameters<typeof api.readSlab>[0]['slab']) => api.readSlab({ path, slab }, nop) };
  const s = await readArraySlice(source, path, nd === 0
    ? { rowDim: 0, indices: [], rowStart: 0, rowCount: 1 }
    : { rowDim: nd - 1, indices: shape.map(() => 0), rowStart: 0, rowCount: count });
  const more = nd > 0 && shape[nd - 1]! > count ? ', …' : '';
  return `${nd > 1 ? `[${shape.slice(0, -1).map(() => '0').join(', ')}, :] ` : ''}${s.data.values.map((v) => formatValue(v as number, layout.dtype === 'str' ? '|S' : layout.dtype)).join(', ')}${more}`;
}
