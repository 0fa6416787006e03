// Counts distinct 64-bit keys (number bit patterns, int64 halves) exactly up to a limit, then estimates them with HyperLogLog.

import { HyperLogLog } from './hyperloglog.js';
import { hashKeyA, hashKeyB } from './key-hash.js';

/** Distinct values counted exactly (with a count each); one more switches the counter to an estimate. */
export const EXACT_DISTINCT_LIMIT = 65536;

const SLOTS = EXACT_DISTINCT_LIMIT * 2;
const MASK = SLOTS - 1;

/**
 * Open addressing with linear probing over parallel typed arrays (no per-value objects), half full at most.
 * Past the limit the counts are dropped and every key already seen seeds the HyperLogLog, which is
 * idempotent, so the estimate is the one a sketch fed from the first row would give.
 */
export class ValueCounter {
  private slots: Int32Array | null = new Int32Array(SLOTS);
  readonly lo = new Int32Array(EXACT_DISTINCT_LIMIT);
  readonly hi = new Int32Array(EXACT_DISTINCT_LIMIT);
  readonly counts = new Float64Array(EXACT_DISTINCT_LIMIT);
  /** Distinct keys held while exact. */
  size = 0;
  private sketch: HyperLogLog | null = null;

  get exact(): boolean {
    return this.sketch === null;
  }

  add(lo: number, hi: number): void {
    const h = hashKeyA(lo, hi);
    if (this.sketch) {
      this.sketch.add(h, hashKeyB(lo, hi));
      return;
    }
    const slots = this.slots!;
    let s = h & MASK;
    for (;;) {
      const e = slots[s]!;
      if (e === 0) break;
      if (this.lo[e - 1] === lo && this.hi[e - 1] === hi) {
        this.counts[e - 1]!++;
        return;
      }
      s = (s + 1) & MASK;
    }
    if (this.size === EXACT_DISTINCT_LIMIT) {
      this.overflow();
      this.sketch!.add(h, hashKeyB(lo, hi));
      return;
    }
    this.lo[this.size] = lo;
    this.hi[this.size] = hi;
    this.counts[this.size] = 1;
    slots[s] = ++this.size;
  }

  private overflow(): void {
    const sketch = new HyperLogLog();
    for (let e = 0; e < this.size; e++) sketch.add(hashKeyA(this.lo[e]!, this.hi[e]!), hashKeyB(this.lo[e]!, this.hi[e]!));
    this.sketch = sketch;
    this.slots = null;
  }

  /** Exact count of distinct keys, or the estimate once past the limit. */
  distinct(): { value: number; exact: boolean } {
    return this.sketch ? { value: Math.round(this.sketch.estimate()), exact: false } : { value: this.size, exact: true };
  }
}
