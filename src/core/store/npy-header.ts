// NPY headers: a fixed-size v1.0 header the writer rewrites in place with the final shape, and a parser for any .npy input.

import { parsePyLiteral, type PyValue } from './py-literal.js';

export const NPY_MAGIC = Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59);
/** Data starts here in every segment the store writes (a multiple of 64, so typed views of the data stay aligned). */
export const DEFAULT_HEADER_BYTES = 128;
/** Bytes before the header dict: magic, version and length are all known from the first 12 bytes. */
export const NPY_PREAMBLE_BYTES = 12;

/** A field of a structured dtype as NumPy writes it: (name, descr) or (name, descr, subarray shape). */
export type NpyField = readonly [string, NpyDescr] | readonly [string, NpyDescr, readonly number[]];
export type NpyDescr = string | readonly NpyField[];

export interface NpyHeader {
  readonly version: 1 | 2 | 3;
  readonly descr: NpyDescr;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
  /** Where the data starts: preamble + header dict (+ padding). */
  readonly dataOffset: number;
}

/** Python's repr of a shape tuple: (), (5,), (2, 3). */
export function formatShape(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/**
 * A v1.0 header of exactly `headerBytes` bytes, so a later call with the final shape
 * overwrites it without moving the data.
 */
export function formatNpyHeader(
  descr: string,
  shape: readonly number[],
  headerBytes = DEFAULT_HEADER_BYTES,
  fortranOrder = false,
): Uint8Array {
  if (headerBytes % 64 !== 0 || headerBytes > 65535 + 10) throw new Error(`npy header size ${headerBytes} must be a multiple of 64 below 64 KiB`);
  const dict = `{'descr': '${descr}', 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': ${formatShape(shape)}, }`;
  const dictBytes = headerBytes - 10;
  if (dict.length + 1 > dictBytes) throw new Error(`npy header for ${descr} ${formatShape(shape)} does not fit in ${headerBytes} bytes`);
  const out = new Uint8Array(headerBytes);
  out.set(NPY_MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = dictBytes & 0xff;
  out[9] = dictBytes >> 8;
  out.fill(0x20, 10, headerBytes - 1);
  for (let i = 0; i < dict.length; i++) out[10 + i] = dict.charCodeAt(i);
  out[headerBytes - 1] = 0x0a;
  return out;
}

/** Total header size (data offset) announced by the first 12 bytes of a .npy file. */
export function npyDataOffset(preamble: Uint8Array): { version: 1 | 2 | 3; dataOffset: number } {
  if (preamble.length < 10) throw new Error('not an npy file: too short');
  for (let i = 0; i < NPY_MAGIC.length; i++) if (preamble[i] !== NPY_MAGIC[i]) throw new Error('not an npy file: bad magic');
  const major = preamble[6]!;
  if (major === 1) return { version: 1, dataOffset: 10 + (preamble[8]! | (preamble[9]! << 8)) };
  if (major !== 2 && major !== 3) throw new Error(`unsupported npy version ${major}.${preamble[7]}`);
  if (preamble.length < 12) throw new Error('not an npy file: too short');
  const len = preamble[8]! + preamble[9]! * 256 + preamble[10]! * 65536 + preamble[11]! * 16777216;
  return { version: major, dataOffset: 12 + len };
}

/** Parses the header at the start of `bytes` (which must hold at least the whole header). */
export function parseNpyHeader(bytes: Uint8Array): NpyHeader {
  const { version, dataOffset } = npyDataOffset(bytes);
  if (bytes.length < dataOffset) throw new Error(`npy header needs ${dataOffset} bytes, got ${bytes.length}`);
  const start = version === 1 ? 10 : 12;
  const raw = bytes.subarray(start, dataOffset);
  const text = version === 3 ? new TextDecoder('utf-8').decode(raw) : latin1(raw);
  const dict = parsePyLiteral(text.trim());
  if (!(dict instanceof Map)) throw new Error('npy header is not a dict');
  const descr = toDescr(dict.get('descr'));
  const fortran = dict.get('fortran_order');
  if (typeof fortran !== 'boolean') throw new Error("npy header: 'fortran_order' must be True or False");
  const shape = dict.get('shape');
  if (!isTuple(shape) || !shape.items.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0))
    throw new Error("npy header: 'shape' must be a tuple of non-negative integers");
  return { version, descr, fortranOrder: fortran, shape: shape.items as number[], dataOffset };
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

function isTuple(v: PyValue | undefined): v is { tuple: true; items: PyValue[] } {
  return typeof v === 'object' && v !== null && !(v instanceof Map) && !Array.isArray(v) && 'tuple' in v;
}

function toDescr(v: PyValue | undefined): NpyDescr {
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) throw new Error("npy header: 'descr' must be a string or a list of fields");
  return v.map((f): NpyField => {
    if (!isTuple(f) || f.items.length < 2 || f.items.length > 3 || typeof f.items[0] !== 'string')
      throw new Error("npy header: a structured 'descr' field must be (name, descr[, shape])");
    const name = f.items[0];
    const sub = toDescr(f.items[1]);
    if (f.items.length === 2) return [name, sub];
    const shape = f.items[2];
    if (!isTuple(shape) || !shape.items.every((n) => typeof n === 'number')) throw new Error('npy header: bad subarray shape');
    return [name, sub, shape.items as number[]];
  });
}
