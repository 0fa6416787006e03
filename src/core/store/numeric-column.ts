// A numeric or bool column being written: one .npy whose rows are the parser's typed arrays, byte for byte.

import { parseDType } from '../../shared/dtype.js';
import type { ManifestColumn } from './manifest.js';
import type { ColumnBatch, SinkColumn } from './table-sink.js';
import { convertElements, widenProblem } from './dtype-arrays.js';
import { NpyFile, type FileNames } from './npy-file.js';

/** Rows converted per block when widening: bounded memory whatever the column's length. */
const WIDEN_BLOCK_BYTES = 32 << 20;

/** What the dataset writer needs from any column it writes. */
export interface ColumnWriter {
  readonly name: string;
  reason: string;
  /** The column as the manifest lists it now. */
  info(): ManifestColumn;
  append(firstRow: number, rows: number, batch: ColumnBatch): void;
  /** Rewrites the column in `dtype`, keeping its first `rows` rows. */
  widen(dtype: string, rows: number): void;
  /** Final widths and headers for `rows` rows. */
  finish(rows: number): void;
  close(): void;
}

export class NumericColumn implements ColumnWriter {
  readonly name: string;
  reason: string;
  private file: NpyFile;

  constructor(
    private readonly names: FileNames,
    column: SinkColumn,
    private readonly headerBytes: number,
  ) {
    this.name = column.name;
    this.reason = column.reason;
    this.file = NpyFile.create(names.dir, names.next(column.name), parseDType(column.dtype).descr, headerBytes);
  }

  info(): ManifestColumn {
    const dtype = this.file.dtype.descr;
    return { name: this.name, dtype, reason: this.reason, storage: { kind: 'plain', file: this.file.file, dtype } };
  }

  append(firstRow: number, rows: number, batch: ColumnBatch): void {
    if (batch.kind !== 'fixed') throw new Error(`column '${this.name}' is ${this.file.dtype.descr}: it takes typed arrays, not strings`);
    const { data } = batch;
    if (data.byteLength !== rows * this.file.dtype.itemSize)
      throw new Error(`column '${this.name}': ${data.byteLength} bytes for ${rows} rows of ${this.file.dtype.descr}`);
    this.file.write(firstRow, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }

  widen(dtype: string, rows: number): void {
    const from = this.file.dtype;
    const to = parseDType(dtype);
    const problem = widenProblem(from, to);
    if (problem) throw new Error(`column '${this.name}': ${problem}`);
    if (from.descr === to.descr) return;
    const next = NpyFile.create(this.names.dir, this.names.next(this.name), to.descr, this.headerBytes);
    try {
      const block = Math.max(1, Math.floor(WIDEN_BLOCK_BYTES / to.itemSize));
      for (let at = 0; at < rows; at += block) {
        const n = Math.min(block, rows - at);
        next.write(at, convertElements(from, to, this.file.read(at, n), n));
      }
    } catch (e) {
      next.close();
      throw e;
    }
    this.file.close();
    this.file = next;
  }

  finish(rows: number): void {
    this.file.writeHeader(rows);
  }

  close(): void {
    this.file.close();
  }
}
