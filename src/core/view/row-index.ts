// A view's row index: original row numbers in view order, kept in the store as a '<u4' (or '<u8') .npy segment.

import fs from 'node:fs';
import path from 'node:path';
import { formatNpyHeader, DEFAULT_HEADER_BYTES, npyDataOffset, parseNpyHeader } from '../store/npy-header.js';

/**
 * Original (0-based) row numbers. Uint32Array below 2^32 rows — 4 bytes per row, so a sorted view of 1e8 rows
 * costs 400 MB and not a copy of the table; Float64Array above (exact to 2^53; stored as '<u8').
 */
export type RowIndex = Uint32Array | Float64Array;

/** An index able to hold row numbers below `rows`. */
export function allocRowIndex(length: number, rows: number): RowIndex {
  return rows <= 0xffff_ffff ? new Uint32Array(length) : new Float64Array(length);
}

/** 0, 1, …, rows − 1. */
export function identityIndex(rows: number): RowIndex {
  const out = allocRowIndex(rows, rows);
  for (let i = 0; i < rows; i++) out[i] = i;
  return out;
}

function descrOf(index: RowIndex): '<u4' | '<u8' {
  return index instanceof Uint32Array ? '<u4' : '<u8';
}

/**
 * Writes `index` as `<dir>/<file>` (a valid .npy np.load reads) through a temporary name and a rename,
 * so a reader never sees half an index and a killed worker leaves only a '.tmp' the store collects.
 */
export function writeRowIndex(dir: string, file: string, index: RowIndex): number {
  const descr = descrOf(index);
  const header = formatNpyHeader(descr, [index.length], DEFAULT_HEADER_BYTES);
  const tmp = path.join(dir, `${file}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, header);
    // '<u8' on disk from exact doubles: BigUint64Array copies in blocks so memory stays bounded.
    const block = 1 << 20;
    for (let at = 0; at < index.length; at += block) {
      const n = Math.min(block, index.length - at);
      const bytes =
        index instanceof Uint32Array
          ? new Uint8Array(index.buffer, index.byteOffset + at * 4, n * 4)
          : new Uint8Array(BigUint64Array.from(index.subarray(at, at + n), (v) => BigInt(v)).buffer);
      let done = 0;
      while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path.join(dir, file));
  return header.length + index.length * (descr === '<u4' ? 4 : 8);
}

/** An open index file: its length and positional reads of a range of it. */
export interface RowIndexFile {
  readonly length: number;
  /** Entries [first, first + count) clamped to the length. */
  read(first: number, count: number): RowIndex;
  close(): void;
}

export function openRowIndex(dir: string, file: string): RowIndexFile {
  const fd = fs.openSync(path.join(dir, file), 'r');
  try {
    const head = Buffer.alloc(DEFAULT_HEADER_BYTES);
    fs.readSync(fd, head, 0, head.length, 0);
    const { dataOffset } = npyDataOffset(head);
    const header = parseNpyHeader(head.subarray(0, dataOffset));
    const wide = header.descr === '<u8';
    if (!wide && header.descr !== '<u4') throw new Error(`${file}: a row index is '<u4' or '<u8', not ${String(header.descr)}`);
    const length = header.shape[0] ?? 0;
    const item = wide ? 8 : 4;
    return {
      length,
      read(first, count) {
        const start = Math.max(0, Math.min(first, length));
        const n = Math.max(0, Math.min(count, length - start));
        const buf = new ArrayBuffer(n * item);
        const view = new Uint8Array(buf);
        let done = 0;
        while (done < view.length) {
          const got = fs.readSync(fd, view, done, view.length - done, dataOffset + start * item + done);
          if (got === 0) throw new Error(`${file}: ends before entry ${start + done / item}`);
          done += got;
        }
        return wide ? Float64Array.from(new BigUint64Array(buf), (v) => Number(v)) : new Uint32Array(buf);
      },
      close: () => fs.closeSync(fd),
    };
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
}

/** The whole index file in memory. */
export function readRowIndex(dir: string, file: string): RowIndex {
  const f = openRowIndex(dir, file);
  try {
    return f.read(0, f.length);
  } finally {
    f.close();
  }
}
