// How a dataset of a file being read maps to what the window shows: an N-d array of one dtype, a table of compound fields, or why not.

import type { Metadata } from 'h5wasm/node';
import { ARRAY, CLASS_NAMES, COMPOUND, ENUM, FLOAT, INTEGER, STRING } from './h5-type-classes.js';


/** Filters stock HDF5 decodes without plugins (deflate, shuffle, fletcher32, szip, nbit, scaleoffset). */
const BUILT_IN_FILTERS = new Set([1, 2, 3, 4, 5, 6]);
const KNOWN_FILTERS: Record<number, string> = { 32000: 'LZF', 32001: 'Blosc', 32004: 'LZ4', 32008: 'Bitshuffle', 32013: 'ZFP', 32015: 'Zstandard', 32026: 'Blosc2', 307: 'bzip2' };

export type EntryLayout =
  | { readonly kind: 'array'; readonly shape: readonly number[]; readonly dtype: string; readonly note?: string }
  | { readonly kind: 'table'; readonly shape: readonly number[]; readonly rows: number; readonly columns: readonly { name: string; dtype: string }[] };

/** The NumPy dtype of a scalar element type ('str' for variable-length strings), or null when it is not one. */
export function scalarDtype(m: Metadata): string | null {
  if (m.type === INTEGER || m.type === ENUM) {
    if (m.type === ENUM && isBoolEnum(m)) return '|b1';
    return `${m.size === 1 ? '|' : '<'}${m.signed ? 'i' : 'u'}${m.size}`;
  }
  if (m.type === FLOAT) return [2, 4, 8].includes(m.size) ? `<f${m.size}` : null;
  if (m.type === STRING) return m.vlen ? 'str' : `|S${m.size}`;
  return null;
}

function isBoolEnum(m: Metadata): boolean {
  const members = m.enum_type?.members ?? {};
  const names = Object.keys(members);
  return names.length === 2 && members.FALSE === 0 && members.TRUE === 1;
}

/** The dtype as the tree shows it (NumPy-like words for what the window cannot open, too). */
export function describeType(m: Metadata): string {
  const s = scalarDtype(m);
  if (s) return s;
  if (m.type === ARRAY && m.array_type) return `${describeType(m.array_type)}(${(m.array_type.shape ?? []).join(', ')})`;
  if (m.type === COMPOUND && m.compound_type) return `compound(${m.compound_type.members.map((c) => `${c.name}: ${describeType(c)}`).join(', ')})`;
  if (m.type === FLOAT) return `float${m.size * 8}`;
  return CLASS_NAMES[m.type] ?? `HDF5 type class ${m.type}`;
}

/** A filter by name, e.g. 'deflate', 'LZ4 (32004)'. */
export function filterName(f: { id: number; name: string }): string {
  if (BUILT_IN_FILTERS.has(f.id)) return f.name || `filter ${f.id}`;
  const name = KNOWN_FILTERS[f.id] ?? (f.name.split(/[;,]/)[0]!.trim() || 'unknown filter');
  return `${name} (${f.id})`;
}

/** Why a dataset cannot be read, or null. */
export function filterProblem(filters: readonly { id: number; name: string }[]): string | null {
  const missing = filters.filter((f) => !BUILT_IN_FILTERS.has(f.id));
  if (missing.length === 0) return null;
  const names = missing.map((f) => `${filterName(f)}`).join(', ');
  return `compressed with the ${names} filter, which this build cannot decode (HDF5 plugins are not bundled; built in: deflate, shuffle, fletcher32, szip, nbit, scaleoffset)`;
}

/** What the window opens for a dataset of this type and shape (null shape: a null dataspace, an empty dataset). */
export function entryLayout(m: Metadata, shape: readonly number[] | null): EntryLayout {
  const dims = shape ?? [0];
  const note = shape === null ? 'empty dataset (null dataspace): it holds no values' : undefined;
  const scalar = scalarDtype(m);
  if (scalar) return { kind: 'array', shape: dims, dtype: scalar, ...(note ? { note } : {}) };
  if (m.type === ARRAY && m.array_type) {
    const base = scalarDtype(m.array_type);
    if (base && base !== 'str') return { kind: 'array', shape: [...dims, ...(m.array_type.shape ?? [])], dtype: base, ...(note ? { note } : {}) };
  }
  if (m.type === COMPOUND && m.compound_type) {
    const columns = m.compound_type.members.flatMap((c) => memberColumns(c.name, c));
    return { kind: 'table', shape: dims, rows: dims.reduce((a, b) => a * b, 1), columns };
  }
  throw new Error(`its element type (${describeType(m)}) cannot be shown`);
}

/** Compound members as table columns: nested compounds flatten to 'outer.inner'; arrays and others show as text. */
function memberColumns(name: string, m: Metadata): { name: string; dtype: string }[] {
  if (m.type === COMPOUND && m.compound_type) return m.compound_type.members.flatMap((c) => memberColumns(`${name}.${c.name}`, c));
  const s = scalarDtype(m);
  return [{ name, dtype: s ?? 'str' }];
}
