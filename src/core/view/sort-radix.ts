// LSD radix sort of row positions by unsigned key words: stable counting-sort passes over 11-bit digits.

/**
 * One word of a sort key: `bits` (1–32) significant low bits per position, already mapped so that unsigned
 * order is the wanted order. data[p] belongs to position p of the rows being sorted (their original order).
 */
export interface KeyWord {
  readonly bits: number;
  readonly data: Uint32Array;
  /** The word's digit histograms (countDigits over all of data), when the caller counted while writing it. */
  readonly counts?: DigitCounts;
}

/** 2^11 counters fit in L1 and a 32-bit word takes 3 passes; 8-bit digits take 4, 16-bit ones thrash the TLB. */
const DIGIT_BITS = 11;
const MAX_DIGITS = Math.ceil(32 / DIGIT_BITS);

interface Digit {
  readonly shift: number;
  readonly mask: number;
}

/** A word's digits, least significant first, of equal width as near as may be (32 bits → 11, 11, 10). */
function digitsOf(bits: number): Digit[] {
  const count = Math.ceil(bits / DIGIT_BITS);
  const width = Math.ceil(bits / count);
  const out: Digit[] = [];
  for (let shift = 0; shift < bits; shift += width) {
    const w = Math.min(width, bits - shift);
    out.push({ shift, mask: w === 32 ? 0xffff_ffff : (1 << w) - 1 });
  }
  return out;
}

/** Histograms of a word's (at most 3) digits, bucket counts of digit k at [k << DIGIT_BITS, …). */
export type DigitCounts = Uint32Array;

export function newDigitCounts(): DigitCounts {
  return new Uint32Array(MAX_DIGITS << DIGIT_BITS);
}

/**
 * Adds data[from, to) to the histograms of a `bits`-wide word. Counts are order-free, so a reader may count
 * block by block while the block is in cache instead of in a pass of its own.
 */
export function countDigits(data: Uint32Array, from: number, to: number, bits: number, counts: DigitCounts): void {
  const digits = digitsOf(bits);
  const size = 1 << DIGIT_BITS;
  // Absent digits count into bucket 0 of their own histogram (mask 0), so one loop serves 1–3 digits.
  const s0 = digits[0]!.shift, m0 = digits[0]!.mask;
  const s1 = digits[1]?.shift ?? 0, m1 = digits[1]?.mask ?? 0;
  const s2 = digits[2]?.shift ?? 0, m2 = digits[2]?.mask ?? 0;
  for (let i = from; i < to; i++) {
    const v = data[i]!;
    counts[(v >>> s0) & m0]!++;
    counts[size + ((v >>> s1) & m1)]!++;
    counts[2 * size + ((v >>> s2) & m2)]!++;
  }
}

/**
 * Orders positions 0…n−1 by a sequence of key words fed least significant first (the last key's last word
 * first). Why this is right: each counting-sort pass is a stable sort by one digit, so after the passes over
 * digits d1 (least) … dk (most) the order is by (dk, …, d1) with remaining ties in the order the first pass
 * saw, which is position order; the words of all keys, most significant key first, form one long unsigned
 * key, so that is the stable multi-key order. A pass whose digit is equal for every row would leave the
 * order unchanged, so it is skipped.
 *
 * Memory: two position buffers (8 bytes a row) and at most two word buffers (8 bytes a row), fewer when the
 * caller hands over its key words once sorted by them (they become the word buffers).
 */
export class LsdRadix {
  /** Positions in the current order; null while no pass has run (the order is the identity). */
  private perm: Uint32Array | null = null;
  private spare: Uint32Array | null = null;
  /** Word buffers free for the next pass. */
  private readonly free: Uint32Array[] = [];

  constructor(readonly n: number) {}

  /** Positions in sorted order (a buffer of the sorter's; it must not be used afterwards). */
  get order(): Uint32Array {
    if (this.perm) return this.perm;
    const id = new Uint32Array(this.n);
    for (let i = 0; i < this.n; i++) id[i] = i;
    return id;
  }

  /**
   * Stable sort of the current order by one word; returns the number of digit passes it ran. With `handOver`
   * the sorter may overwrite word.data and keeps it as a word buffer, so a key's words cost no extra memory.
   */
  sortBy(word: KeyWord, handOver = false): number {
    const n = this.n;
    const data = word.data;
    if (data.length < n) throw new Error(`key word has ${data.length} values for ${n} rows`);
    let counts = word.counts;
    if (!counts) countDigits(data, 0, n, word.bits, (counts = newDigitCounts()));
    const active = this.activeDigits(counts, digitsOf(word.bits));
    let cur = data;
    if (active.length > 0 && this.perm) {
      cur = this.take();
      gather(data, this.perm, cur, n);
      if (handOver) this.give(data);
    }
    for (let k = 0; k < active.length; k++) {
      const { shift, mask, offsets } = active[k]!;
      const perm = this.perm;
      const out = (this.spare ??= new Uint32Array(n));
      if (k === active.length - 1) {
        if (perm) scatterPositions(cur, perm, out, shift, mask, offsets, n);
        else firstScatterPositions(cur, out, shift, mask, offsets, n);
      } else {
        const next = this.take();
        if (perm) scatterBoth(cur, perm, next, out, shift, mask, offsets, n);
        else firstScatterBoth(cur, next, out, shift, mask, offsets, n);
        if (cur !== data || handOver) this.give(cur);
        cur = next;
      }
      this.spare = perm;
      this.perm = out;
    }
    if (cur !== data || handOver) this.give(cur);
    return active.length;
  }

  /** A word buffer of n entries (contents undefined): one a finished word left behind, else a new one. */
  take(): Uint32Array {
    return this.free.pop() ?? new Uint32Array(this.n);
  }

  /** Keeps at most two: more is never needed at once. */
  private give(buf: Uint32Array): void {
    if (this.free.length < 2 && !this.free.includes(buf)) this.free.push(buf);
  }

  /** Digits that differ between rows, each with its bucket start offsets. */
  private activeDigits(counts: DigitCounts, digits: readonly Digit[]): { shift: number; mask: number; offsets: Uint32Array }[] {
    const n = this.n;
    const size = 1 << DIGIT_BITS;
    const out: { shift: number; mask: number; offsets: Uint32Array }[] = [];
    digits.forEach((d, k) => {
      const hist = counts.subarray(k * size, k * size + d.mask + 1);
      let sum = 0;
      let constant = false;
      const offsets = new Uint32Array(hist.length);
      for (let b = 0; b < hist.length; b++) {
        const c = hist[b]!;
        if (c === n) constant = true;
        offsets[b] = sum;
        sum += c;
      }
      if (!constant) out.push({ shift: d.shift, mask: d.mask, offsets });
    });
    return out;
  }
}

function gather(data: Uint32Array, perm: Uint32Array, out: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = data[perm[i]!]!;
}

/** The last pass over a word: only positions move. */
function scatterPositions(word: Uint32Array, perm: Uint32Array, permOut: Uint32Array, shift: number, mask: number, offsets: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const d = (word[i]! >>> shift) & mask;
    const at = offsets[d]!;
    offsets[d] = at + 1;
    permOut[at] = perm[i]!;
  }
}

/** Positions move together with the word, whose higher digits later passes still read. */
function scatterBoth(
  word: Uint32Array, perm: Uint32Array, wordOut: Uint32Array, permOut: Uint32Array,
  shift: number, mask: number, offsets: Uint32Array, n: number,
): void {
  for (let i = 0; i < n; i++) {
    const w = word[i]!;
    const d = (w >>> shift) & mask;
    const at = offsets[d]!;
    offsets[d] = at + 1;
    wordOut[at] = w;
    permOut[at] = perm[i]!;
  }
}

/** The first pass ever: the positions are the identity, so they need no buffer to be read from. */
function firstScatterPositions(word: Uint32Array, permOut: Uint32Array, shift: number, mask: number, offsets: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const d = (word[i]! >>> shift) & mask;
    const at = offsets[d]!;
    offsets[d] = at + 1;
    permOut[at] = i;
  }
}

function firstScatterBoth(word: Uint32Array, wordOut: Uint32Array, permOut: Uint32Array, shift: number, mask: number, offsets: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const w = word[i]!;
    const d = (w >>> shift) & mask;
    const at = offsets[d]!;
    offsets[d] = at + 1;
    wordOut[at] = w;
    permOut[at] = i;
  }
}
