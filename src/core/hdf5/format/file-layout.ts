// Plans and encodes the metadata of an HDF5 file of groups and contiguous datasets: superblock, object headers, string heap, data addresses.

import { ByteWriter, UNDEFINED_ADDRESS, utf8Bytes } from './byte-writer.js';
import { chunkBtreeBytes } from './chunk-btree.js';
import { floatType, integerType, vlenStringType } from './datatype-message.js';
import { encodeGlobalHeap, globalHeapSize } from './global-heap.js';
import {
  attributeMessage, chunkedLayoutMessage, contiguousLayoutMessage, dataspaceBody, dataspaceMessage, datatypeMessage, fillValueMessage,
  filterPipelineMessage, groupInfoMessage, linkInfoMessage, linkMessage, type Message,
} from './header-messages.js';
import { lookup3 } from './lookup3.js';
import { encodeObjectHeader, objectHeaderSize } from './object-header.js';

/** Strings become variable-length UTF-8 (h5py returns str), safe integers int64, other numbers float64 — all scalars. */
export type AttributeValue = string | number;

export interface DatasetNode {
  readonly kind: 'dataset';
  readonly name: string;
  readonly shape: readonly number[];
  /** Bytes of one element in the file. */
  readonly elementBytes: number;
  readonly encodeType: (w: ByteWriter) => void;
  readonly attributes: readonly (readonly [string, AttributeValue])[];
  /** Chunked storage (1-d only, resizable): rows per chunk, the chunk count, and the gzip level (with shuffle) if compressed. Contiguous without it. */
  readonly chunked?: { readonly chunkRows: number; readonly chunks: number; readonly gzip?: number };
}

export interface GroupNode {
  readonly kind: 'group';
  readonly name: string;
  readonly children: readonly (GroupNode | DatasetNode)[];
  readonly attributes: readonly (readonly [string, AttributeValue])[];
}

export interface FileLayout {
  /** Superblock, object headers and string heap: write it at offset 0. */
  readonly metadata: Uint8Array;
  /** Where each contiguous dataset's raw data starts, and how many bytes it has. */
  readonly data: ReadonlyMap<DatasetNode, { readonly address: number; readonly bytes: number }>;
  /** Where each chunked dataset's B-tree goes (chunkBtreeBytes(chunks) reserved; none for a dataset without chunks). */
  readonly btrees: ReadonlyMap<DatasetNode, number>;
  /**
   * The end of everything planned. Without chunked datasets this is the file's size and the
   * superblock says so; chunks are appended from here and the superblock rewritten with the new end.
   */
  readonly fileBytes: number;
  readonly rootAddress: number;
}

const SUPERBLOCK_BYTES = 48;
/** Large datasets start on a page so writers of neighbouring datasets never share a page. */
const PAGE = 4096;
const LARGE_DATASET_BYTES = 1 << 20;

function datasetBytes(d: DatasetNode): number {
  return d.shape.reduce((n, x) => n * x, 1) * d.elementBytes;
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** Attribute messages; string values become heap objects 1, 2, … in the order met. */
function attributeMessages(attributes: DatasetNode['attributes'], heap: { address: number; strings: Uint8Array[] }): Message[] {
  return attributes.map(([name, value]) => {
    const type = new ByteWriter();
    const v = new ByteWriter();
    if (typeof value === 'string') {
      vlenStringType(type);
      const bytes = utf8Bytes(value);
      heap.strings.push(bytes);
      v.u32(bytes.length).u64(heap.address).u32(heap.strings.length);
    } else if (Number.isSafeInteger(value)) {
      integerType(type, 8, true);
      v.u64(BigInt(value));
    } else {
      floatType(type, 8);
      v.f64(value);
    }
    const space = new ByteWriter();
    dataspaceBody(space, null);
    return attributeMessage(name, type.result(), space.result(), v.result());
  });
}

type Addresses = ReadonlyMap<GroupNode | DatasetNode, number>;
type Heap = { address: number; strings: Uint8Array[] };

/** The header messages of one object, given the addresses of its children and of its data (B-tree for a chunked dataset). */
function messagesOf(n: GroupNode | DatasetNode, addr: Addresses, data: ReadonlyMap<DatasetNode, number>, heap: Heap): Message[] {
  if (n.kind === 'group') {
    return [
      linkInfoMessage(n.children.length),
      groupInfoMessage(n.children.length),
      ...n.children.map((c, i) => linkMessage(c.name, addr.get(c) ?? 0, i)),
      ...attributeMessages(n.attributes, heap),
    ];
  }
  if (n.chunked) {
    if (n.shape.length !== 1) throw new Error(`dataset '${n.name}': chunked storage is written for 1-d datasets only`);
    return [
      dataspaceMessage(n.shape, true),
      datatypeMessage(n.encodeType),
      fillValueMessage(true),
      chunkedLayoutMessage(n.chunked.chunks > 0 ? (data.get(n) ?? 0) : undefined, n.chunked.chunkRows, n.elementBytes),
      ...(n.chunked.gzip !== undefined ? [filterPipelineMessage(n.elementBytes, n.chunked.gzip)] : []),
      ...attributeMessages(n.attributes, heap),
    ];
  }
  return [
    dataspaceMessage(n.shape),
    datatypeMessage(n.encodeType),
    fillValueMessage(),
    contiguousLayoutMessage(data.get(n) ?? 0, datasetBytes(n)),
    ...attributeMessages(n.attributes, heap),
  ];
}

/** Every object, depth first and root first: the order their headers are laid out in. */
function objectsOf(root: GroupNode): (GroupNode | DatasetNode)[] {
  const objects: (GroupNode | DatasetNode)[] = [];
  const visit = (n: GroupNode | DatasetNode): void => {
    objects.push(n);
    if (n.kind === 'group') n.children.forEach(visit);
  };
  visit(root);
  return objects;
}

/**
 * Object headers from `start`, then the global heap of string attributes. Header sizes do not depend on
 * the addresses they hold, so one pass with placeholder addresses fixes every address; `encode` then
 * encodes with the real ones once the caller has placed what the headers point to.
 */
function placeHeaders(objects: readonly (GroupNode | DatasetNode)[], start: number) {
  const sizing: Heap = { address: 0, strings: [] };
  const sizes = objects.map((o) => objectHeaderSize(messagesOf(o, new Map(), new Map(), sizing)));
  const addr = new Map<GroupNode | DatasetNode, number>();
  let at = start;
  objects.forEach((o, i) => {
    addr.set(o, at);
    at += sizes[i]!;
  });
  const heapAddress = sizing.strings.length > 0 ? alignUp(at, 8) : 0;
  if (sizing.strings.length > 0) at = heapAddress + globalHeapSize(sizing.strings);
  const encode = (data: ReadonlyMap<DatasetNode, number>, out: Uint8Array, base: number): void => {
    const heap: Heap = { address: heapAddress, strings: [] };
    objects.forEach((o, i) => {
      const bytes = encodeObjectHeader(messagesOf(o, addr, data, heap));
      if (bytes.length !== sizes[i]) throw new Error(`object header of '${o.name}' changed size between passes`);
      out.set(bytes, addr.get(o)! - base);
    });
    if (heap.strings.length > 0) out.set(encodeGlobalHeap(heap.strings), heapAddress - base);
  };
  return { addr, end: at, encode };
}

/**
 * Lays the file out as: superblock, object headers (depth first, root first), the global heap of
 * string attributes, then each dataset's data.
 */
export function layoutFile(root: GroupNode): FileLayout {
  const objects = objectsOf(root);
  const headers = placeHeaders(objects, SUPERBLOCK_BYTES);
  let at = headers.end;
  const btrees = new Map<DatasetNode, number>();
  for (const o of objects) {
    if (o.kind !== 'dataset' || !o.chunked || o.chunked.chunks === 0) continue;
    at = alignUp(at, 8);
    btrees.set(o, at);
    at += chunkBtreeBytes(o.chunked.chunks);
  }
  const metadataEnd = at;
  const data = new Map<DatasetNode, { address: number; bytes: number }>();
  at = alignUp(at, PAGE);
  for (const o of objects) {
    if (o.kind !== 'dataset' || o.chunked) continue;
    const bytes = datasetBytes(o);
    at = alignUp(at, bytes >= LARGE_DATASET_BYTES ? PAGE : 8);
    data.set(o, { address: at, bytes });
    at += bytes;
  }
  // Chunks are appended from here: right after the metadata when no contiguous data was placed.
  const fileBytes = data.size > 0 ? Math.max(at, metadataEnd) : metadataEnd;
  if (!Number.isSafeInteger(fileBytes)) throw new Error(`a file of ${fileBytes} bytes is too large`);

  const out = new Uint8Array(metadataEnd);
  const rootAddress = headers.addr.get(root)!;
  out.set(encodeSuperblock(rootAddress, fileBytes), 0);
  // A layout message holds the data address of a contiguous dataset, the B-tree address of a chunked one.
  headers.encode(new Map([...[...data].map(([d, r]) => [d, r.address] as const), ...btrees]), out, 0);
  return { metadata: out, data, btrees, fileBytes, rootAddress };
}

/** Where data may start in a file whose data is written first (layoutAfterData): right after the superblock. */
export const DATA_START = SUPERBLOCK_BYTES;

/** Where the next dataset goes after `end` when data is written first: as layoutFile aligns it. */
export function nextDataAddress(end: number, bytes: number): number {
  return alignUp(end, bytes >= LARGE_DATASET_BYTES ? PAGE : 8);
}

export interface DataFirstLayout {
  /** Object headers and string heap, to write at `metadataAddress`. */
  readonly metadata: Uint8Array;
  readonly metadataAddress: number;
  /** To write at offset 0 last: it is what makes the rest a file. */
  readonly superblock: Uint8Array;
  readonly fileBytes: number;
}

/**
 * Metadata for contiguous datasets already written at `data` (ending before `dataEnd`): the headers go
 * after the data. Lets a writer place rows before it knows how many there will be, so a table can be
 * written while it is still loading; HDF5 readers follow the superblock's root address wherever it is.
 */
export function layoutAfterData(root: GroupNode, data: ReadonlyMap<DatasetNode, number>, dataEnd: number): DataFirstLayout {
  const objects = objectsOf(root);
  for (const o of objects) {
    if (o.kind !== 'dataset') continue;
    if (o.chunked) throw new Error(`dataset '${o.name}': data-first layout is for contiguous datasets`);
    if (!data.has(o)) throw new Error(`dataset '${o.name}' has no data address`);
  }
  const metadataAddress = alignUp(Math.max(dataEnd, SUPERBLOCK_BYTES), 8);
  const headers = placeHeaders(objects, metadataAddress);
  const fileBytes = headers.end;
  if (!Number.isSafeInteger(fileBytes)) throw new Error(`a file of ${fileBytes} bytes is too large`);
  const metadata = new Uint8Array(fileBytes - metadataAddress);
  headers.encode(data, metadata, metadataAddress);
  return { metadata, metadataAddress, superblock: encodeSuperblock(headers.addr.get(root)!, fileBytes), fileBytes };
}

/** Superblock version 2: 8-byte offsets and lengths, no extension, checksummed. Readers refuse a file shorter than `fileBytes`. */
export function encodeSuperblock(rootAddress: number, fileBytes: number): Uint8Array {
  const w = new ByteWriter().bytes(new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]));
  w.u8(2).u8(8).u8(8).u8(0).u64(0).u64(UNDEFINED_ADDRESS).u64(fileBytes).u64(rootAddress);
  const head = w.result();
  return new ByteWriter().bytes(head).u32(lookup3(head)).result().slice();
}
