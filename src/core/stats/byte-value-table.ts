// A hash table of fixed-width byte strings with a count each: values live in one growing byte arena, not in JS strings.

/** Entries the table holds at most (the exact limit of distinct values). */
export const BYTE_TABLE_LIMIT = 65536;

const SLOTS = BYTE_TABLE_LIMIT * 2;
const MASK = SLOTS - 1;

export class ByteValueTable {
  private readonly slots = new Int32Array(SLOTS);
  private arena: Uint8Array;
  private hashes = new Int32Array(BYTE_TABLE_LIMIT);
  counts = new Float64Array(BYTE_TABLE_LIMIT);
  size = 0;

  constructor(readonly width: number) {
    this.arena = new Uint8Array(Math.max(1, width) * 1024);
  }

  /** The entry holding bytes[at, at + width) with hash `h`, or −1. */
  find(bytes: Uint8Array, at: number, h: number): number {
    const w = this.width;
    const arena = this.arena;
    for (let s = h & MASK; ; s = (s + 1) & MASK) {
      const e = this.slots[s]! - 1;
      if (e < 0) return -1;
      if (this.hashes[e] !== h) continue;
      let k = 0;
      const base = e * w;
      while (k < w && arena[base + k] === bytes[at + k]) k++;
      if (k === w) return e;
    }
  }

  /** Adds a value known to be absent, with count 1; false when the table is full. */
  insert(bytes: Uint8Array, at: number, h: number): boolean {
    if (this.size === BYTE_TABLE_LIMIT) return false;
    const e = this.size++;
    const w = this.width;
    if ((e + 1) * w > this.arena.length) {
      const grown = new Uint8Array(Math.min(BYTE_TABLE_LIMIT * w, this.arena.length * 2));
      grown.set(this.arena);
      this.arena = grown;
    }
    this.arena.set(bytes.subarray(at, at + w), e * w);
    this.hashes[e] = h;
    this.counts[e] = 1;
    this.place(e, h);
    return true;
  }

  private place(e: number, h: number): void {
    let s = h & MASK;
    while (this.slots[s] !== 0) s = (s + 1) & MASK;
    this.slots[s] = e + 1;
  }

  /** Value bytes of entry e (a view into the arena, valid until the next insert or compaction). */
  value(e: number): Uint8Array {
    return this.arena.subarray(e * this.width, (e + 1) * this.width);
  }

  /** Lowers every count by `by` and drops the entries that reach zero (Misra–Gries' decrement step). */
  decrementAll(by: number): void {
    const w = this.width;
    let kept = 0;
    for (let e = 0; e < this.size; e++) {
      const c = this.counts[e]! - by;
      if (c <= 0) continue;
      if (kept !== e) {
        this.arena.copyWithin(kept * w, e * w, (e + 1) * w);
        this.hashes[kept] = this.hashes[e]!;
      }
      this.counts[kept++] = c;
    }
    this.size = kept;
    this.slots.fill(0);
    for (let e = 0; e < kept; e++) this.place(e, this.hashes[e]!);
  }

  /** Sets every count to zero, keeping the entries (for counting them again exactly). */
  resetCounts(): void {
    this.counts.fill(0);
  }
}
