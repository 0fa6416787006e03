// Distinct byte strings → dense codes, found by hashing the bytes in place so rows never allocate strings.

/** Open-addressing table over an append-only arena of distinct values. */
export class ByteDictionary {
  private arena = new Uint8Array(4096);
  private arenaUsed = 0;
  /** starts[k]..starts[k+1] is value k in the arena. */
  private starts = new Int32Array(1024);
  private slots = new Int32Array(1024).fill(-1);
  private hashes = new Int32Array(1024);
  private count = 0;
  /** Longest value so far (bytes). */
  maxLength = 0;

  constructor(readonly limit: number) {}

  get size(): number {
    return this.count;
  }

  /** The code of bytes[start, end), adding it when new; -1 when adding would pass the limit. */
  code(bytes: Uint8Array, start: number, end: number): number {
    // "| 0" makes the seed an int32 like every later hash: an empty value never enters the loop, and a stored
    // Int32 hash compared with the bare 2166136261 would never match, so each empty string was added again.
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const k = this.slots[slot]!;
      if (k < 0) break;
      if (this.hashes[k] === h && this.equals(k, bytes, start, end)) return k;
    }
    if (this.count >= this.limit) return -1;
    return this.add(h, bytes, start, end);
  }

  private equals(k: number, bytes: Uint8Array, start: number, end: number): boolean {
    const a = this.starts[k]!;
    if (this.starts[k + 1]! - a !== end - start) return false;
    const arena = this.arena;
    for (let i = 0; i < end - start; i++) if (arena[a + i] !== bytes[start + i]) return false;
    return true;
  }

  private add(h: number, bytes: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (this.arenaUsed + len > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + len));
      grown.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = grown;
    }
    this.arena.set(bytes.subarray(start, end), this.arenaUsed);
    this.arenaUsed += len;
    const k = this.count++;
    if (this.count + 1 > this.starts.length) {
      const s = new Int32Array(this.starts.length * 2);
      s.set(this.starts);
      this.starts = s;
      const hs = new Int32Array(this.starts.length);
      hs.set(this.hashes);
      this.hashes = hs;
    }
    this.starts[k + 1] = this.arenaUsed;
    this.hashes[k] = h;
    if (len > this.maxLength) this.maxLength = len;
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(k);
    return k;
  }

  private place(k: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[k]! & mask;
    while (this.slots[slot]! >= 0) slot = (slot + 1) & mask;
    this.slots[slot] = k;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size).fill(-1);
    for (let k = 0; k < this.count; k++) this.place(k);
  }

  /** Values [from, to) as fixed-width NUL-padded items of `width` bytes. */
  fixed(width: number, from = 0, to = this.count): Uint8Array {
    const out = new Uint8Array((to - from) * width);
    for (let k = from; k < to; k++) {
      const a = this.starts[k]!;
      out.set(this.arena.subarray(a, this.starts[k + 1]!), (k - from) * width);
    }
    return out;
  }
}
