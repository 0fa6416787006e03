// Encodes HDF5 datatype messages: the integer, float, fixed string and packed compound types the export writes, and attribute types.

import type { H5Column } from '../h5-types.js';
import { utf8Bytes, type ByteWriter } from './byte-writer.js';

/*
 * Layouts follow the HDF5 File Format Specification, "Datatype Message" (version 1 for the atomic
 * classes, version 3 for compounds: member names are not padded and member offsets take only as many
 * bytes as the compound's size needs). They match byte for byte what h5py writes for the same NumPy
 * dtypes with libver='latest', which the tests compare against.
 */

const CLASS_FIXED = 0;
const CLASS_FLOAT = 1;
const CLASS_STRING = 3;
const CLASS_COMPOUND = 6;
const CLASS_VLEN = 9;

function header(w: ByteWriter, cls: number, version: number, bits: [number, number, number], size: number): void {
  w.u8((version << 4) | cls).u8(bits[0]).u8(bits[1]).u8(bits[2]).u32(size);
}

/** Little-endian two's-complement or unsigned integer of `size` bytes. */
export function integerType(w: ByteWriter, size: number, signed: boolean): void {
  header(w, CLASS_FIXED, 1, [signed ? 0x08 : 0, 0, 0], size);
  w.u16(0).u16(size * 8);
}

/** IEEE 754 binary32 or binary64, little-endian: implied leading mantissa bit, sign in the top bit. */
export function floatType(w: ByteWriter, size: 4 | 8): void {
  const [exponentBits, mantissaBits, bias] = size === 4 ? [8, 23, 127] : [11, 52, 1023];
  header(w, CLASS_FLOAT, 1, [0x20, size * 8 - 1, 0], size);
  w.u16(0).u16(size * 8).u8(mantissaBits).u8(exponentBits).u8(0).u8(mantissaBits).u32(bias);
}

/** NumPy's |S<n>: NUL-padded ASCII bytes, which h5py reads back byte for byte. */
export function fixedStringType(w: ByteWriter, size: number): void {
  const NULLPAD = 1;
  header(w, CLASS_STRING, 1, [NULLPAD, 0, 0], size);
}

/** A variable-length UTF-8 string (h5py returns `str`); the value lives in a global heap. */
export function vlenStringType(w: ByteWriter): void {
  const SEQUENCE_IS_STRING = 1;
  const UTF8 = 1;
  header(w, CLASS_VLEN, 1, [SEQUENCE_IS_STRING, UTF8, 0], 16);
  integerType(w, 1, false);
}

export function columnType(w: ByteWriter, c: H5Column): void {
  switch (c.kind) {
    case 'bool':
      // Stored as uint8 0/1 like the h5wasm path, so both writers give the same file for the same data.
      integerType(w, 1, false);
      return;
    case 'int':
    case 'uint':
      integerType(w, c.itemSize, c.kind === 'int');
      return;
    case 'float':
      if (c.itemSize !== 4 && c.itemSize !== 8) throw new Error(`dtype ${c.numpy}: only float32 and float64 can be written`);
      floatType(w, c.itemSize);
      return;
    case 'bytes':
      fixedStringType(w, c.itemSize);
      return;
  }
}

/** Bytes HDF5 uses for a member offset in a version 3 compound of `size` bytes. */
export function offsetWidth(size: number): number {
  return Math.floor(Math.floor(Math.log2(Math.max(1, size))) / 8) + 1;
}

/** A packed compound (offsets are running sums), which is what h5py writes for a NumPy structured array. */
export function compoundType(w: ByteWriter, names: readonly string[], columns: readonly H5Column[]): void {
  if (columns.length > 0xffff) throw new Error(`${columns.length} columns: a compound type holds at most 65,535 members`);
  const size = columns.reduce((sum, c) => sum + c.itemSize, 0);
  header(w, CLASS_COMPOUND, 3, [columns.length & 0xff, columns.length >> 8, 0], size);
  const width = offsetWidth(size);
  let offset = 0;
  columns.forEach((c, i) => {
    w.bytes(utf8Bytes(names[i]!)).u8(0).uint(offset, width);
    columnType(w, c);
    offset += c.itemSize;
  });
}
