// Rows of a compound HDF5 dataset as table columns: one column per (flattened) member, rows in C order of the dataset.

import type { Dataset, Metadata } from 'h5wasm/node';
import type { ColumnValues } from '../../shared/row-window.js';
import type { EntryLayout } from './h5-types-in.js';

type Table = Extract<EntryLayout, { kind: 'table' }>;

export function compoundColumns(d: Dataset, layout: Table, first: number, count: number): { name: string; dtype: string; data: ColumnValues }[] {
  const start = Math.max(0, Math.min(first, layout.rows));
  const n = Math.max(0, Math.min(count, layout.rows - start));
  const rows = n === 0 ? [] : readRows(d, layout.shape, start, n);
  const paths = memberPaths(d.metadata);
  return layout.columns.map((c, i) => ({ name: c.name, dtype: c.dtype, data: toColumn(c.dtype, rows.map((r) => pick(r, paths[i]!))) }));
}

function readRows(d: Dataset, shape: readonly number[], start: number, n: number): unknown[] {
  if (shape.length === 0) return [d.value];
  const inner = shape.slice(1).reduce((a, b) => a * b, 1);
  const r0 = Math.floor(start / inner);
  const r1 = Math.ceil((start + n) / inner);
  const got = d.slice([[r0, r1], ...shape.slice(1).map((len) => [0, len] as [number, number])]);
  const flat = Array.isArray(got) ? (got as unknown[]) : [];
  return flat.slice(start - r0 * inner, start - r0 * inner + n);
}

/** Index paths of the leaf members, in the order the layout lists its columns. */
function memberPaths(m: Metadata, prefix: number[] = []): number[][] {
  return (m.compound_type?.members ?? []).flatMap((c, i) => (c.compound_type ? memberPaths(c, [...prefix, i]) : [[...prefix, i]]));
}

function pick(row: unknown, path: readonly number[]): unknown {
  let v = row;
  for (const i of path) v = Array.isArray(v) ? v[i] : undefined;
  return v;
}

function toColumn(dtype: string, values: unknown[]): ColumnValues {
  if (dtype === '|b1') return { kind: 'bool', values: values.map(Boolean) };
  if (dtype === 'str' || dtype.startsWith('|S')) return { kind: 'bytes', values: values.map(text) };
  if (values.some((v) => typeof v === 'bigint' && (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER))))
    return { kind: 'bigint', values: values.map(String) };
  return { kind: 'number', values: values.map(Number) };
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (ArrayBuffer.isView(v)) return `[${Array.from(v as unknown as ArrayLike<number>).join(', ')}]`;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>) : x)) ?? '';
}
