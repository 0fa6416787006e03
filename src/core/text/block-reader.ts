// Block buffers over a ByteSource: keeps the unfinished record in front of the next block's bytes and, when asked,
// reads the next block while the caller parses the current one.

import type { ByteSource } from './byte-source.js';

export class BlockReader {
  buf: Uint8Array;
  /** Data is buf[start, end): after a refill, the kept bytes start at `start`. */
  start = 0;
  end = 0;
  /** The source has nothing after `end`. */
  eof = false;
  /** Bytes reserved before each block for the kept tail of the previous one (read-ahead only). */
  private readonly slack: number;
  private spare: Uint8Array | null = null;
  private pending: Promise<number> | null = null;
  /** Bytes the read in flight (or the next one) asks for: the first block may be smaller than the rest. */
  private asked: number;

  /**
   * With read-ahead, `firstBlock` bytes are read first (at most `blockSize`): a small first block gets the
   * first rows parsed and shown while the first full block is still being read (8 MiB into fresh memory took
   * ~60 ms of a 210 ms open on the test machine, almost all of it before the first row).
   */
  constructor(private readonly source: ByteSource, private readonly blockSize: number, readAhead = false, firstBlock = blockSize) {
    this.slack = readAhead ? Math.min(blockSize, 1 << 20) : 0;
    this.buf = new Uint8Array(this.slack + blockSize);
    if (readAhead) this.spare = new Uint8Array(this.slack + blockSize);
    this.asked = Math.max(1, Math.min(firstBlock, blockSize));
  }

  /** Keeps buf[keep, end) (keep ≥ start) in front of the next bytes, growing the buffer when a record fills it. */
  async refill(keep: number): Promise<void> {
    if (this.spare) return this.refillAhead(keep);
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

  /** The block read ahead into `spare` (after `slack` bytes) becomes current; the next read starts at once. */
  private async refillAhead(keep: number): Promise<void> {
    const spare = this.spare!;
    const slack = this.slack;
    const rest = this.end - keep;
    const asked = this.asked;
    const got = await (this.pending ?? this.read(spare, asked));
    this.pending = null;
    const old = this.buf;
    if (rest <= slack) {
      spare.set(old.subarray(keep, this.end), slack - rest);
      this.buf = spare;
      this.start = slack - rest;
      this.end = slack + got;
      // A buffer grown for a long record is dropped; the next read needs the standard size.
      this.spare = old.length === spare.length ? old : new Uint8Array(spare.length);
    } else {
      // A record longer than the slack: join it and the new bytes in a buffer of their own.
      const joined = new Uint8Array(rest + got);
      joined.set(old.subarray(keep, this.end));
      joined.set(spare.subarray(slack, slack + got), rest);
      this.buf = joined;
      this.start = 0;
      this.end = rest + got;
    }
    if (got < asked) this.eof = true;
    else {
      this.asked = this.blockSize;
      this.pending = this.read(this.spare!, this.blockSize);
    }
  }

  private read(into: Uint8Array, bytes: number): Promise<number> {
    const p = this.source.read(into, this.slack, bytes);
    // A load that fails mid-file closes the source with this read in flight: nobody awaits it then.
    p.catch(() => {});
    return p;
  }
}
