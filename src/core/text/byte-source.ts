// Reads a file's bytes in large blocks, inflating gzip and BGZF (concatenated members) when the content says so.

import { createReadStream, type ReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createGunzip, type Gunzip } from 'node:zlib';
import { LoadError } from '../load-error.js';

export interface ByteSource {
  readonly compression: 'none' | 'gzip';
  /** Size of the file on disk. */
  readonly size: number;
  /** File bytes consumed so far (compressed bytes for gzip). */
  bytesRead(): number;
  /** Fills into[offset, offset+length) as far as it can; 0 means the end. */
  read(into: Uint8Array, offset: number, length: number): Promise<number>;
  close(): Promise<void>;
}

export async function openByteSource(path: string, file: string): Promise<ByteSource> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const magic = new Uint8Array(2);
    const { bytesRead } = await fh.read(magic, 0, 2, 0);
    if (bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b) {
      await fh.close();
      return new GzipSource(path, file, size);
    }
    return new PlainSource(fh, size);
  } catch (e) {
    await fh.close();
    throw e;
  }
}

class PlainSource implements ByteSource {
  readonly compression = 'none';
  private position = 0;
  constructor(private readonly fh: FileHandle, readonly size: number) {}

  bytesRead(): number {
    return this.position;
  }

  async read(into: Uint8Array, offset: number, length: number): Promise<number> {
    let total = 0;
    while (total < length) {
      const { bytesRead } = await this.fh.read(into, offset + total, length - total, this.position);
      if (bytesRead === 0) break;
      total += bytesRead;
      this.position += bytesRead;
    }
    return total;
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}

class GzipSource implements ByteSource {
  readonly compression = 'gzip';
  private readonly raw: ReadStream;
  private readonly gunzip: Gunzip;
  private readonly chunks: AsyncIterator<Buffer>;
  private pending: Buffer | null = null;
  private pendingAt = 0;
  private done = false;

  constructor(path: string, private readonly file: string, readonly size: number) {
    this.raw = createReadStream(path, { highWaterMark: 4 << 20 });
    this.gunzip = createGunzip({ chunkSize: 1 << 20 });
    this.raw.on('error', (e) => this.gunzip.destroy(e));
    this.raw.pipe(this.gunzip);
    this.chunks = this.gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  bytesRead(): number {
    return this.raw.bytesRead;
  }

  async read(into: Uint8Array, offset: number, length: number): Promise<number> {
    let total = 0;
    while (total < length) {
      if (!this.pending || this.pendingAt === this.pending.length) {
        if (this.done) break;
        let next: IteratorResult<Buffer>;
        try {
          next = await this.chunks.next();
        } catch (e) {
          throw new LoadError({ file: this.file, message: `cannot inflate gzip data: ${(e as Error).message}` });
        }
        if (next.done) {
          this.done = true;
          break;
        }
        this.pending = next.value;
        this.pendingAt = 0;
      }
      const n = Math.min(length - total, this.pending.length - this.pendingAt);
      into.set(this.pending.subarray(this.pendingAt, this.pendingAt + n), offset + total);
      this.pendingAt += n;
      total += n;
    }
    return total;
  }

  async close(): Promise<void> {
    this.raw.destroy();
    this.gunzip.destroy();
  }
}
