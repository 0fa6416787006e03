// Assembles a version 2 object header ("OHDR"): one chunk holding every message, closed by its lookup3 checksum.

import { ByteWriter } from './byte-writer.js';
import type { Message } from './header-messages.js';
import { lookup3 } from './lookup3.js';

/** A message's size field is 2 bytes. */
const MAX_MESSAGE_BYTES = 0xffff;

/** Bytes the header will take, so addresses can be planned before anything is encoded. */
export function objectHeaderSize(messages: readonly Message[]): number {
  const chunk = chunkSize(messages);
  return 4 + 1 + 1 + sizeWidth(chunk) + chunk + 4;
}

function chunkSize(messages: readonly Message[]): number {
  return messages.reduce((sum, m) => sum + 4 + m.body.length, 0);
}

function sizeWidth(chunk: number): 1 | 2 | 4 {
  return chunk < 0x100 ? 1 : chunk < 0x10000 ? 2 : 4;
}

/**
 * No timestamps and no attribute creation order (flags carry only the width of the chunk size), so
 * the same data always gives the same bytes.
 */
export function encodeObjectHeader(messages: readonly Message[]): Uint8Array {
  const chunk = chunkSize(messages);
  const width = sizeWidth(chunk);
  const w = new ByteWriter().bytes(new Uint8Array([0x4f, 0x48, 0x44, 0x52])).u8(2).u8(width === 1 ? 0 : width === 2 ? 1 : 2);
  w.uint(chunk, width);
  for (const m of messages) {
    if (m.body.length > MAX_MESSAGE_BYTES) throw new Error(`an HDF5 header message of ${m.body.length} bytes exceeds ${MAX_MESSAGE_BYTES}`);
    w.u8(m.type).u16(m.body.length).u8(m.flags).bytes(m.body);
  }
  const out = w.result();
  return new ByteWriter().bytes(out).u32(lookup3(out)).result().slice();
}
