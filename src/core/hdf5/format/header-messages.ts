// Encodes the object header messages of the files the export writes: dataspace, fill value, layout, links, group info, attributes.

import { ByteWriter, UNDEFINED_ADDRESS, isAscii, utf8Bytes } from './byte-writer.js';

/*
 * Field layouts follow the HDF5 File Format Specification, section IV.A.2 (header messages); the
 * versions chosen are those HDF 1.8 and later read, and match what h5py writes with libver='latest'.
 */

/** H5S_UNLIMITED: a maximum dimension of all ones. */
const UNLIMITED = 0xffff_ffff_ffff_ffffn;

/** Message type numbers (HDF5 spec IV.A.2). */
export const MSG = {
  dataspace: 0x01,
  linkInfo: 0x02,
  datatype: 0x03,
  fillValue: 0x05,
  link: 0x06,
  layout: 0x08,
  groupInfo: 0x0a,
  filterPipeline: 0x0b,
  attribute: 0x0c,
} as const;

export interface Message {
  readonly type: number;
  /** Message flags; 1 marks a message whose value never changes (datatype, fill value). */
  readonly flags: number;
  readonly body: Uint8Array;
}

function message(type: number, flags: number, w: ByteWriter): Message {
  return { type, flags, body: w.result().slice() };
}

/**
 * A scalar (shape null) or a simple dataspace. The maximum shape equals the shape (what h5py writes for
 * fixed-size data) unless `resizable`, where every dimension is unlimited (h5py's maxshape=(None,)).
 */
export function dataspaceBody(w: ByteWriter, shape: readonly number[] | null, resizable = false): void {
  if (shape === null) {
    w.u8(2).u8(0).u8(0).u8(0);
    return;
  }
  const MAX_DIMS_PRESENT = 1;
  const SIMPLE = 1;
  w.u8(2).u8(shape.length).u8(MAX_DIMS_PRESENT).u8(SIMPLE);
  for (const d of shape) w.u64(d);
  for (const d of shape) w.u64(resizable ? UNLIMITED : d);
}

export function dataspaceMessage(shape: readonly number[] | null, resizable = false): Message {
  const w = new ByteWriter();
  dataspaceBody(w, shape, resizable);
  return message(MSG.dataspace, 0, w);
}

export function datatypeMessage(encode: (w: ByteWriter) => void): Message {
  const w = new ByteWriter();
  encode(w);
  return message(MSG.datatype, 1, w);
}

/** Version 3, no fill value, fill written only if set; space allocated late (contiguous) or chunk by chunk. */
export function fillValueMessage(chunked = false): Message {
  const LATE = 2;
  const INCREMENTAL = 3;
  const IF_SET = 2 << 2;
  return message(MSG.fillValue, 1, new ByteWriter().u8(3).u8((chunked ? INCREMENTAL : LATE) | IF_SET));
}

/** Contiguous storage at `address`; a dataset with no bytes has no storage (undefined address), as HDF5 writes it. */
export function contiguousLayoutMessage(address: number, bytes: number): Message {
  const CONTIGUOUS = 1;
  return message(MSG.layout, 0, new ByteWriter().u8(3).u8(CONTIGUOUS).u64(bytes === 0 ? UNDEFINED_ADDRESS : address).u64(bytes));
}

/**
 * Chunked storage indexed by a version 1 B-tree at `btreeAddress` (undefined when no chunk exists):
 * layout version 3, whose dimensions are the chunk's plus the element size, 4 bytes each.
 */
export function chunkedLayoutMessage(btreeAddress: number | undefined, chunkRows: number, elementBytes: number): Message {
  const CHUNKED = 2;
  const w = new ByteWriter().u8(3).u8(CHUNKED).u8(2).u64(btreeAddress ?? UNDEFINED_ADDRESS).u32(chunkRows).u32(elementBytes);
  return message(MSG.layout, 0, w);
}

/** Shuffle (by element size) then deflate at `level`: the pipeline h5py writes for shuffle=True, compression='gzip'. */
export function filterPipelineMessage(elementBytes: number, level: number): Message {
  const SHUFFLE = 2;
  const DEFLATE = 1;
  const OPTIONAL = 1;
  const w = new ByteWriter().u8(2).u8(2);
  w.u16(SHUFFLE).u16(OPTIONAL).u16(1).u32(elementBytes);
  w.u16(DEFLATE).u16(OPTIONAL).u16(1).u32(level);
  return message(MSG.filterPipeline, 1, w);
}

/** Links kept in the header (compact storage), with creation order tracked and indexed so readers list them in the order written. */
export function linkInfoMessage(links: number): Message {
  const TRACKED_AND_INDEXED = 3;
  const w = new ByteWriter().u8(0).u8(TRACKED_AND_INDEXED).u64(links);
  w.u64(UNDEFINED_ADDRESS).u64(UNDEFINED_ADDRESS).u64(UNDEFINED_ADDRESS);
  return message(MSG.linkInfo, 0, w);
}

/**
 * Group info. HDF5 moves a group's links to dense storage above 8 links when it adds one; a file
 * written with more links in the header says so here, so a later append in h5py still converts cleanly.
 */
export function groupInfoMessage(links: number): Message {
  const w = new ByteWriter().u8(0);
  if (links <= 8) return message(MSG.groupInfo, 0, w.u8(0));
  const PHASE_CHANGE_STORED = 1;
  return message(MSG.groupInfo, 0, w.u8(PHASE_CHANGE_STORED).u16(Math.min(links, 0xffff)).u16(6));
}

/** A hard link named `name` to the object header at `address`, with its creation order. */
export function linkMessage(name: string, address: number, order: number): Message {
  const bytes = utf8Bytes(name);
  if (bytes.length === 0) throw new Error('a link name cannot be empty');
  const nameWidth = bytes.length < 0x100 ? 1 : bytes.length < 0x10000 ? 2 : 4;
  const CREATION_ORDER = 0x04;
  const CHARSET = 0x10;
  const ascii = isAscii(name);
  const w = new ByteWriter().u8(1).u8((nameWidth === 1 ? 0 : nameWidth === 2 ? 1 : 2) | CREATION_ORDER | (ascii ? 0 : CHARSET));
  w.u64(order);
  if (!ascii) w.u8(1);
  w.uint(bytes.length, nameWidth).bytes(bytes).u64(address);
  return message(MSG.link, 0, w);
}

/** A version 3 attribute: name, datatype, dataspace and the value's bytes. */
export function attributeMessage(name: string, type: Uint8Array, space: Uint8Array, value: Uint8Array): Message {
  const bytes = utf8Bytes(name);
  if (bytes.length === 0) throw new Error('an attribute name cannot be empty');
  const w = new ByteWriter().u8(3).u8(0).u16(bytes.length + 1).u16(type.length).u16(space.length).u8(isAscii(name) ? 0 : 1);
  w.bytes(bytes).u8(0).bytes(type).bytes(space).bytes(value);
  return message(MSG.attribute, 0, w);
}
