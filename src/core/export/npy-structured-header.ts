// The header of a .npy holding a 1-d structured array: the descr list NumPy writes, v1.0 unless it is too long.

import { NPY_MAGIC, formatShape } from '../store/npy-header.js';

/** NumPy pads the header so the data starts on a 64-byte boundary. */
const ALIGN = 64;
/** A v1.0 header's length field is 16 bits. */
const V1_MAX_HEADER = 0xffff;

/**
 * A Python str literal of `s` that stays ASCII: non-ASCII characters as \x, \u or \U escapes, which
 * ast.literal_eval (np.load's parser) turns back into the same str; so the header never needs v3's UTF-8.
 */
export function pyString(s: string): string {
  let out = "'";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c <= 0xff) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c <= 0xffff) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}'`;
}

/** `[('chr', '|S5'), ('pos', '<i4')]`, as repr() of a NumPy structured dtype's descr. */
export function structuredDescr(fields: readonly { name: string; descr: string }[]): string {
  return `[${fields.map((f) => `(${pyString(f.name)}, ${pyString(f.descr)})`).join(', ')}]`;
}

/** The whole header (magic to newline) for `rows` records of the structured dtype `descr`: v1.0, or v2.0 past 64 KiB. */
export function structuredNpyHeader(descr: string, rows: number): Uint8Array {
  const dict = `{'descr': ${descr}, 'fortran_order': False, 'shape': ${formatShape([rows])}, }`;
  const sizeWith = (preamble: number): number => Math.ceil((preamble + dict.length + 1) / ALIGN) * ALIGN;
  const v1 = sizeWith(10) - 10 <= V1_MAX_HEADER;
  const preamble = v1 ? 10 : 12;
  const total = sizeWith(preamble);
  if (total - preamble > 0xffff_ffff) throw new Error('the .npy header would exceed 4 GiB');
  const out = new Uint8Array(total);
  out.set(NPY_MAGIC, 0);
  out[6] = v1 ? 1 : 2;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (v1) view.setUint16(8, total - preamble, true);
  else view.setUint32(8, total - preamble, true);
  out.fill(0x20, preamble, total - 1);
  for (let i = 0; i < dict.length; i++) out[preamble + i] = dict.charCodeAt(i);
  out[total - 1] = 0x0a;
  return out;
}
