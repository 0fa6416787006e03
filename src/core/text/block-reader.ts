// One reusable block buffer: keeps the unfinished record at its front and fills the rest from the source.

import type { ByteSource } from './byte-source.js';

export class BlockReader {
  buf: Uint8Array;
  end = 0;
  /** The source has nothing after `end`. */
  eof = false;

  constructor(private readonly source: ByteSource, blockSize: number) {
    this.buf = new Uint8Array(blockSize);
  }

  /** Moves buf[keep, end) to the front (growing the buffer when a record fills it) and reads more. */
  async refill(keep: number): Promise<void> {
    const rest = this.end - keep;
    if (rest === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    } else if (keep > 0 && rest > 0) {
      this.buf.copyWithin(0, keep, this.end);
    }
    this.end = rest;
    const want = this.buf.length - rest;
    const got = await this.source.read(this.buf, rest, want);
    this.end += got;
    if (got < want) this.eof = true;
  }
}
