// NumPy dtype → the HDF5 type h5wasm creates, described as h5wasm metadata (never as h5wasm's struct-code strings).

import { parseDType } from '../../shared/dtype.js';

/**
 * How one column is stored. We hand h5wasm metadata objects rather than dtype strings: its strings
 * are Python struct codes in which the digits are ignored ('<f8' silently means float32, '<u2'
 * throws), while the metadata path sets class, size and sign explicitly.
 */
export interface H5Column {
  /** Canonical NumPy dtype the source declared, e.g. '<i4', '|S10', '|b1'. */
  readonly numpy: string;
  /** The dtype h5py reports for what we write (differs from `numpy` only for bool). */
  readonly h5py: string;
  readonly kind: 'bool' | 'int' | 'uint' | 'float' | 'bytes';
  /** Bytes per value in the file and in the write buffer. */
  readonly itemSize: number;
  /** h5wasm type metadata (class, size, sign, charset). */
  readonly meta: H5TypeMeta;
}

export interface H5TypeMeta {
  readonly type: number;
  readonly size: number;
  readonly signed: boolean;
  readonly vlen: false;
  readonly littleEndian: true;
  /** Strings only: 0 = ASCII (C_S1, NULLTERM). */
  readonly cset?: number;
}

/** HDF5 type classes as h5wasm numbers them (H5T_class_t). */
const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_STRING = 3;
const H5T_COMPOUND = 6;
/**
 * h5wasm's charset switch picks the string layout too: UTF-8 gives FORTRAN_S1 with SPACEPAD, whose
 * conversion strips trailing spaces (b'ab  ' reads back as b'ab'); ASCII gives C_S1 NULLTERM, which
 * h5py reads back byte for byte as |S<n> (the bytes themselves are never checked for ASCII).
 */
const CSET_ASCII = 0;

/** Maps a source column's NumPy dtype; throws for dtypes h5wasm cannot write as h5py would read them. */
export function h5Column(dtype: string): H5Column {
  const d = parseDType(dtype);
  if (d.byteOrder === '>') throw new Error(`dtype ${d.descr}: big-endian columns are not supported (h5wasm writes little-endian only)`);
  const base = { vlen: false as const, littleEndian: true as const };
  switch (d.kind) {
    case 'b':
      // h5py reads bool only from an HDF5 enum {FALSE: 0, TRUE: 1}; h5wasm 0.10 cannot create enum
      // types, so bool is stored as uint8 0/1 and the intended dtype goes in a 'numpy_dtype' attribute.
      return { numpy: d.descr, h5py: '|u1', kind: 'bool', itemSize: 1, meta: { ...base, type: H5T_INTEGER, size: 1, signed: false } };
    case 'i':
    case 'u':
      return {
        numpy: d.descr, h5py: d.descr, kind: d.kind === 'i' ? 'int' : 'uint', itemSize: d.itemSize,
        meta: { ...base, type: H5T_INTEGER, size: d.itemSize, signed: d.kind === 'i' },
      };
    case 'f':
      if (d.itemSize !== 4 && d.itemSize !== 8) throw new Error(`dtype ${d.descr}: only float32 and float64 can be written (h5wasm has no float16)`);
      return { numpy: d.descr, h5py: d.descr, kind: 'float', itemSize: d.itemSize, meta: { ...base, type: H5T_FLOAT, size: d.itemSize, signed: false } };
    case 'S':
      return {
        numpy: d.descr, h5py: d.descr, kind: 'bytes', itemSize: d.itemSize,
        meta: { ...base, type: H5T_STRING, size: d.itemSize, signed: false, cset: CSET_ASCII },
      };
    case 'c':
    case 'U':
      throw new Error(`dtype ${d.descr}: ${d.kind === 'c' ? 'complex' : 'unicode'} columns are not supported by the HDF5 export`);
  }
}

export interface CompoundMeta extends H5TypeMeta {
  readonly compound_type: { readonly members: readonly (H5TypeMeta & { name: string; offset: number })[]; readonly nmembers: number };
}

/** A packed compound type (offsets are running sums), which is how h5py writes a NumPy structured array. */
export function compoundMeta(names: readonly string[], columns: readonly H5Column[]): CompoundMeta {
  let offset = 0;
  const members = columns.map((c, i) => {
    const member = { ...c.meta, name: names[i]!, offset };
    offset += c.itemSize;
    return member;
  });
  return { type: H5T_COMPOUND, size: offset, signed: false, vlen: false, littleEndian: true, compound_type: { members, nmembers: members.length } };
}

/** The NumPy structured dtype h5py reports for a compound dataset, as a JSON-able descr list. */
export function structuredDescr(names: readonly string[], columns: readonly H5Column[], which: 'numpy' | 'h5py'): [string, string][] {
  return columns.map((c, i) => [names[i]!, c[which]]);
}
