// Which HDF5 types of a file being copied h5wasm can create again, as write metadata with the same bytes per element, or why not.

import type { Metadata } from 'h5wasm/node';
import type { ArrayElementType } from './array-source.js';
import type { H5TypeMeta } from './h5-types.js';
import { ARRAY, CLASS_NAMES, COMPOUND, ENUM, FLOAT, INTEGER, STRING } from '../h5read/h5-type-classes.js';

/** See h5-types.ts: ASCII gives C_S1 NULLTERM, which h5py reads back byte for byte; UTF-8 would be space-padded. */
const CSET_ASCII = 0;

export type TypeCopy = { readonly ok: true; readonly type: ArrayElementType } | { readonly ok: false; readonly reason: string };

function isBoolEnum(m: Metadata): boolean {
  const members = m.enum_type?.members ?? {};
  const names = Object.keys(members);
  return names.length === 2 && members.FALSE === 0 && members.TRUE === 1;
}

/**
 * Write metadata for a type whose raw little-endian bytes (as h5wasm reads them) can be written as
 * they are: integers, float32/64, fixed-length strings, and compounds of those at their original
 * offsets and size. A bool enum (how h5py stores bool) becomes uint8; h5wasm cannot create enums.
 */
function writable(m: Metadata): H5TypeMeta | string {
  const base = { size: m.size, vlen: false as const, littleEndian: true as const };
  switch (m.type) {
    case INTEGER:
      return { ...base, type: INTEGER, signed: m.signed };
    case ENUM:
      // h5wasm reads by setting little-endian order on a copy of the type, which HDF5 refuses for an enum.
      if (!m.littleEndian) return 'a big-endian enum (h5wasm cannot read it)';
      return isBoolEnum(m) && m.size === 1 ? { ...base, type: INTEGER, signed: false } : 'an enum type (h5wasm cannot create enums)';
    case FLOAT:
      return m.size === 4 || m.size === 8 ? { ...base, type: FLOAT, signed: false } : `a ${m.size * 8}-bit float (h5wasm creates float32 and float64 only)`;
    case STRING:
      return m.vlen ? 'variable-length strings (h5wasm writes them only whole and unchunked)' : { ...base, type: STRING, signed: false, cset: CSET_ASCII };
    case COMPOUND: {
      const members = [];
      for (const c of m.compound_type?.members ?? []) {
        const t = writable(c);
        if (typeof t === 'string') return `compound member '${c.name}' is ${t}`;
        members.push({ ...t, name: c.name, offset: c.offset });
      }
      return { ...base, type: COMPOUND, signed: false, compound_type: { members, nmembers: members.length } } as H5TypeMeta;
    }
    case ARRAY:
      return 'an array type (h5wasm cannot create array types)';
    default:
      return `a ${CLASS_NAMES[m.type] ?? `class ${m.type}`} type, which h5wasm cannot create`;
  }
}

/** NumPy's name for a writable type, as h5py reports it (compounds as a JSON descr list). */
function numpyName(m: Metadata, bool: boolean): string {
  if (bool) return '|b1';
  if (m.type === INTEGER || m.type === ENUM) return `${m.size === 1 ? '|' : '<'}${m.signed ? 'i' : 'u'}${m.size}`;
  if (m.type === FLOAT) return `<f${m.size}`;
  if (m.type === STRING) return `|S${m.size}`;
  return JSON.stringify((m.compound_type?.members ?? []).map((c) => [c.name, numpyName(c, false)]));
}

export function copyType(m: Metadata): TypeCopy {
  const t = writable(m);
  if (typeof t === 'string') return { ok: false, reason: t };
  const bool = m.type === ENUM;
  const numpy = numpyName(m, bool);
  return { ok: true, type: { meta: t, itemSize: m.size, numpy, h5py: bool ? '|u1' : numpy, bool } };
}
