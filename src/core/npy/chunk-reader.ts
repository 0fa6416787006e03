// Exact-size reads over a stream of chunks (a file's or an inflating zip member's), so a .npy is parsed as it streams.

export class ChunkReader {
  private readonly it: AsyncIterator<Uint8Array>;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private ended = false;
  /** Bytes handed out so far. */
  consumed = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.it = source[Symbol.asyncIterator]();
  }

  /** Exactly `n` bytes, fewer only at the end of the stream; the result is a fresh, aligned copy. */
  async read(n: number): Promise<Uint8Array> {
    while (this.pendingBytes < n && !this.ended) {
      const next = await this.it.next();
      if (next.done) this.ended = true;
      else if (next.value.length > 0) {
        this.pending.push(next.value);
        this.pendingBytes += next.value.length;
      }
    }
    const take = Math.min(n, this.pendingBytes);
    const out = new Uint8Array(take);
    let at = 0;
    while (at < take) {
      const head = this.pending[0]!;
      const k = Math.min(head.length, take - at);
      out.set(head.subarray(0, k), at);
      at += k;
      if (k === head.length) this.pending.shift();
      else this.pending[0] = head.subarray(k);
    }
    this.pendingBytes -= take;
    this.consumed += take;
    return out;
  }

  /** True when nothing is left (reads one chunk ahead when needed). */
  async atEnd(): Promise<boolean> {
    if (this.pendingBytes > 0) return false;
    if (this.ended) return true;
    const next = await this.it.next();
    if (next.done) return (this.ended = true);
    this.pending.push(next.value);
    this.pendingBytes += next.value.length;
    return next.value.length === 0 ? this.atEnd() : false;
  }

  /** Stops the underlying stream (closes the file). */
  async close(): Promise<void> {
    await this.it.return?.();
  }
}
