// Writes one N-d array dataset: a single .npy column file of the full shape, filled in element order, with a row watermark.

import fs from 'node:fs';
import path from 'node:path';
import { writeAll } from '../positioned-writes.js';
import type { LoadErrorInfo } from '../../shared/dataset.js';
import { parseDType, type ParsedDType } from '../../shared/dtype.js';
import type { DatasetManifest } from './manifest.js';
import { readManifest, writeManifest } from './manifest-file.js';
import { formatNpyHeader } from './npy-header.js';

export const ARRAY_COLUMN = 'value';
const FILE = 'value.npy';

export class ArrayWriter {
  private manifest: DatasetManifest;
  private fd: number | null = null;
  private dtype!: ParsedDType;
  private shape: readonly number[] = [];
  private fortranOrder = false;
  private headerBytes = 128;
  private done = false;

  constructor(readonly dir: string) {
    this.manifest = readManifest(dir);
  }

  /** Creates the column file with its final header (its shape is known up front) and publishes an empty array. */
  begin(dtype: string, shape: readonly number[], fortranOrder: boolean, reason: string, member?: string): void {
    this.dtype = parseDType(dtype);
    this.shape = shape;
    this.fortranOrder = fortranOrder;
    const dictLength = 80 + 4 * shape.length + shape.join(', ').length;
    this.headerBytes = Math.max(128, Math.ceil((dictLength + 11) / 64) * 64);
    this.fd = fs.openSync(path.join(this.dir, FILE), 'wx+');
    const header = formatNpyHeader(this.dtype.descr, shape, this.headerBytes, fortranOrder);
    fs.writeSync(this.fd, header, 0, header.length, 0);
    const column = { name: ARRAY_COLUMN, dtype: this.dtype.descr, reason, storage: { kind: 'plain' as const, file: FILE, dtype: this.dtype.descr } };
    this.manifest = {
      ...this.manifest,
      headerBytes: this.headerBytes,
      shape: [...shape],
      array: { fortranOrder },
      columns: [column],
      ...(member !== undefined ? { source: { ...this.manifest.source, member } } : {}),
    };
    this.publish(0);
  }

  /** Writes whole elements starting at element `index` (in file order). */
  write(index: number, bytes: Uint8Array): void {
    const fd = this.fd;
    if (fd === null) throw new Error('array writer is not open');
    writeAll(fd, bytes, this.headerBytes + index * this.dtype.itemSize);
  }

  /** Publishes the rows complete after `elements` elements (none before the end for Fortran order). */
  commit(elements: number): void {
    const rowSize = this.shape.slice(1).reduce((a, b) => a * b, 1);
    const rows = this.shape.length === 0 ? (elements > 0 ? 1 : 0) : this.fortranOrder ? 0 : rowSize === 0 ? 0 : Math.floor(elements / rowSize);
    this.publish(rows);
  }

  finish(): void {
    const rows = this.shape.length === 0 ? 1 : this.shape[0]!;
    this.publish(rows, { state: 'ready' });
    this.close();
  }

  fail(info: LoadErrorInfo): void {
    this.close();
    try {
      this.publish(0, { state: 'failed', error: info });
    } catch {
      // The host may have removed the directory already.
    }
  }

  close(): void {
    this.done = true;
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      fs.closeSync(fd);
    } catch {
      // Directory gone: nothing left to release.
    }
  }

  private publish(rows: number, patch: Partial<Pick<DatasetManifest, 'state' | 'error'>> = {}): void {
    if (this.done && patch.state === undefined) return;
    this.manifest = { ...this.manifest, ...patch, rows };
    writeManifest(this.dir, this.manifest);
  }
}
