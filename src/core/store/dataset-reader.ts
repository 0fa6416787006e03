// Reads windows of a dataset's columns by positional reads, never past the manifest's committed rows.

import fs from 'node:fs';
import path from 'node:path';
import { parseDType } from '../../shared/dtype.js';
import type { DatasetManifest, ManifestColumn } from './manifest.js';
import { manifestFiles, readManifest } from './manifest-file.js';
import { typedView, type FixedBytes, type NumericArray } from './dtype-arrays.js';
import { gatherFixed } from './fixed-bytes.js';
import type { TypedWindow } from './row-window-codec.js';

export { toRowWindow } from './row-window-codec.js';

/** A column's rows: a typed array in its dtype, or fixed-width items for 'S'/'U' (stride = the stored width). */
export type ColumnData = NumericArray | FixedBytes;

/** A dictionary column's rows as stored: value k is `values[codes[k]*width, (codes[k]+1)*width)`. */
export interface DictionaryData {
  readonly width: number;
  readonly codes: Uint16Array;
  readonly values: Uint8Array;
}

export interface DatasetReader {
  readonly dir: string;
  readonly manifest: DatasetManifest;
  /** The committed rows this reader may read. */
  readonly rows: number;
  /** Rows [firstRow, firstRow + count) clamped to `rows`. */
  readColumn(name: string, firstRow: number, count: number): ColumnData;
  /**
   * readColumn for streaming consumers (the export): dictionary columns come as codes plus values,
   * unexpanded, and the result lives in a buffer this column reuses, valid until its next readEncoded.
   */
  readEncoded(name: string, firstRow: number, count: number): ColumnData | DictionaryData;
  /** Moves to a newer manifest of the same dataset (more rows, widened columns); drops fds of files it no longer lists. */
  update(manifest: DatasetManifest): void;
  close(): void;
}

export function openDatasetReader(dir: string, manifest?: DatasetManifest): DatasetReader {
  return new Reader(dir, manifest ?? readManifest(dir));
}

/** Reads the same rows of several columns (all when `columns` is omitted). */
export function readWindow(reader: DatasetReader, firstRow: number, rowCount: number, columns?: readonly string[]): TypedWindow {
  const names = columns ?? reader.manifest.columns.map((c) => c.name);
  const start = Math.max(0, Math.min(firstRow, reader.rows));
  const n = Math.max(0, Math.min(rowCount, reader.rows - start));
  return {
    firstRow: start,
    rowCount: n,
    totalRows: reader.rows,
    columns: names.map((name) => ({ name, dtype: columnOf(reader.manifest, name).dtype, data: reader.readColumn(name, start, n) })),
  };
}

function columnOf(m: DatasetManifest, name: string): ManifestColumn {
  const c = m.columns.find((x) => x.name === name);
  if (!c) throw new Error(`dataset ${m.id} has no column '${name}'`);
  return c;
}

class Reader implements DatasetReader {
  private readonly fds = new Map<string, number>();
  /** Dictionary values by file, with how many entries were read (they only ever grow within one file). */
  private readonly dictionaries = new Map<string, { count: number; bytes: Uint8Array }>();
  /** readEncoded's buffers by column: fresh memory per block costs more (zeroing, page faults) than the read itself. */
  private readonly scratch = new Map<string, ArrayBuffer>();

  constructor(readonly dir: string, public manifest: DatasetManifest) {}

  get rows(): number {
    return this.manifest.rows;
  }

  update(manifest: DatasetManifest): void {
    if (manifest.id !== this.manifest.id) throw new Error(`reader of ${this.manifest.id} cannot move to ${manifest.id}`);
    this.manifest = manifest;
    const live = new Set(manifestFiles(manifest));
    for (const [file, fd] of this.fds) {
      if (live.has(file)) continue;
      fs.closeSync(fd);
      this.fds.delete(file);
      this.dictionaries.delete(file);
    }
    // readEncoded's buffers stay: they are plain memory, resized on demand, and an export following a load
    // moves to a new manifest every commit, where fresh buffers would cost page faults each time.
  }

  readColumn(name: string, firstRow: number, count: number): ColumnData {
    const data = this.readRows(name, firstRow, count, false);
    if (!('codes' in data)) return data;
    const out = new Uint8Array(data.codes.length * data.width);
    gatherFixed(data.values, data.width, data.codes, data.codes.length, out);
    return { width: data.width, bytes: out };
  }

  readEncoded(name: string, firstRow: number, count: number): ColumnData | DictionaryData {
    return this.readRows(name, firstRow, count, true);
  }

  private readRows(name: string, firstRow: number, count: number, reuse: boolean): ColumnData | DictionaryData {
    const col = columnOf(this.manifest, name);
    const start = Math.max(0, Math.min(firstRow, this.rows));
    const n = Math.max(0, Math.min(count, this.rows - start));
    const s = col.storage;
    const target = (len: number): ArrayBuffer => {
      if (!reuse) return new ArrayBuffer(len);
      let buf = this.scratch.get(name);
      if (!buf || buf.byteLength < len) this.scratch.set(name, (buf = new ArrayBuffer(len)));
      return buf;
    };
    if (s.kind === 'plain') {
      const d = parseDType(s.dtype);
      const buf = this.read(s.file, start * d.itemSize, n * d.itemSize, target(n * d.itemSize));
      if (d.kind === 'S' || d.kind === 'U') return { width: d.itemSize, bytes: new Uint8Array(buf, 0, n * d.itemSize) };
      return typedView(d, buf, 0, n);
    }
    const width = parseDType(s.valuesDtype).itemSize;
    const codes = typedView(parseDType(s.codesDtype), this.read(s.codesFile, start * 2, n * 2, target(n * 2)), 0, n) as Uint16Array;
    return { width, codes, values: this.dictionary(s.valuesFile, s.valueCount, width).subarray(0, s.valueCount * width) };
  }

  private dictionary(file: string, count: number, width: number): Uint8Array {
    const have = this.dictionaries.get(file);
    if (have && have.count >= count) return have.bytes;
    const bytes = new Uint8Array(this.read(file, 0, count * width, new ArrayBuffer(count * width)));
    this.dictionaries.set(file, { count, bytes });
    return bytes;
  }

  /** `len` data bytes from `offset` past the header, into the start of `buf` (aligned memory). */
  private read(file: string, offset: number, len: number, buf: ArrayBuffer): ArrayBuffer {
    if (len === 0) return buf;
    const view = new Uint8Array(buf, 0, len);
    const fd = this.fd(file);
    const at = this.manifest.headerBytes + offset;
    let done = 0;
    while (done < len) {
      const got = fs.readSync(fd, view, done, len - done, at + done);
      if (got === 0) throw new Error(`${file}: ends before byte ${at + done} that the manifest promises`);
      done += got;
    }
    return buf;
  }

  private fd(file: string): number {
    let fd = this.fds.get(file);
    if (fd === undefined) {
      fd = fs.openSync(path.join(this.dir, file), 'r');
      this.fds.set(file, fd);
    }
    return fd;
  }

  close(): void {
    for (const fd of this.fds.values()) fs.closeSync(fd);
    this.fds.clear();
    this.dictionaries.clear();
    this.scratch.clear();
  }
}
