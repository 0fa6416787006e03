// One segment file the writer owns: a .npy with a fixed header, written and read by row position only.

import fs from 'node:fs';
import path from 'node:path';
import { writeAll } from '../positioned-writes.js';
import { parseDType, type ParsedDType } from '../../shared/dtype.js';
import { formatNpyHeader } from './npy-header.js';

export class NpyFile {
  readonly dtype: ParsedDType;
  private fd: number | null;

  private constructor(
    readonly dir: string,
    readonly file: string,
    descr: string,
    readonly headerBytes: number,
  ) {
    this.dtype = parseDType(descr);
    this.fd = fs.openSync(path.join(dir, file), 'wx+');
    this.writeHeader(0);
  }

  /** Creates `file` in `dir`; fails when it exists, since a name is never reused within a dataset. */
  static create(dir: string, file: string, descr: string, headerBytes: number): NpyFile {
    return new NpyFile(dir, file, descr, headerBytes);
  }

  get open(): boolean {
    return this.fd !== null;
  }

  private handle(): number {
    if (this.fd === null) throw new Error(`${this.file} is closed`);
    return this.fd;
  }

  writeHeader(length: number): void {
    const h = formatNpyHeader(this.dtype.descr, [length], this.headerBytes);
    fs.writeSync(this.handle(), h, 0, h.length, 0);
  }

  /** Writes whole elements starting at element `index`. */
  write(index: number, bytes: Uint8Array): void {
    if (bytes.length % this.dtype.itemSize !== 0) throw new Error(`${this.file}: ${bytes.length} bytes is not whole ${this.dtype.descr} elements`);
    writeAll(this.handle(), bytes, this.headerBytes + index * this.dtype.itemSize);
  }

  /** Reads `count` elements from element `index` into fresh, aligned memory. */
  read(index: number, count: number): ArrayBuffer {
    const len = count * this.dtype.itemSize;
    const buf = new ArrayBuffer(len);
    const view = new Uint8Array(buf);
    const fd = this.handle();
    let done = 0;
    const at = this.headerBytes + index * this.dtype.itemSize;
    while (done < len) {
      const n = fs.readSync(fd, view, done, len - done, at + done);
      if (n === 0) throw new Error(`${this.file}: short read at element ${index + done / this.dtype.itemSize}`);
      done += n;
    }
    return buf;
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      fs.closeSync(fd);
    } catch {
      // The dataset directory may already be gone (closed by the host); nothing is left to release.
    }
  }
}

/** Allocates segment file names: readable, filesystem-safe, never reused within one writer's life. */
export class FileNames {
  private readonly used = new Set<string>();

  constructor(readonly dir: string) {}

  /** 'pos.npy' the first time, then 'pos.g1.npy', 'pos.g2.npy', … */
  next(base: string, suffix = ''): string {
    const safe = (base.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 48) || 'col') + suffix;
    for (let g = 0; ; g++) {
      const name = g === 0 ? `${safe}.npy` : `${safe}.g${g}.npy`;
      if (this.used.has(name) || fs.existsSync(path.join(this.dir, name))) continue;
      this.used.add(name);
      return name;
    }
  }
}
