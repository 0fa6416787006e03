// Statistics of string columns: dictionary columns from their codes, plain fixed-width columns through a byte hash table.

import type { ColumnStats } from '../../shared/view.js';
import type { DictionaryData } from '../store/dataset-reader.js';
import type { FixedBytes } from '../store/dtype-arrays.js';
import type { Block, MutableStats, StatsAccumulator } from './accumulator.js';
import { ByteValueTable } from './byte-value-table.js';
import { HyperLogLog } from './hyperloglog.js';
import { hashBytes, SEED_A, SEED_B } from './key-hash.js';
import { present, selectTop } from './top-values.js';
import { compareValues, decodeValues, isEmptyValue } from './string-values.js';

/** Dictionary columns: a count per code, so distinct, missing and top are exact and cost one pass over 2-byte codes. */
export class DictionaryAccumulator implements StatsAccumulator {
  private readonly counts = new Float64Array(65536);
  private values: Uint8Array = new Uint8Array(0);
  private width = 1;
  private rows = 0;

  constructor(private readonly name: string, private readonly dtype: string) {}

  add(block: Block): void {
    const { codes, values, width } = block as DictionaryData;
    const counts = this.counts;
    for (let i = 0; i < codes.length; i++) counts[codes[i]!]!++;
    this.rows += codes.length;
    // Later blocks may bring a longer dictionary (a load commits new values); earlier codes keep their meaning.
    this.values = values;
    this.width = width;
  }

  wantsSecondPass(): boolean {
    return false;
  }

  addAgain(): void {}

  finish(): ColumnStats {
    const { counts, values, width } = this;
    const entries = Math.min(65536, Math.floor(values.length / width));
    let missing = 0;
    let distinct = 0;
    const candidates: number[] = [];
    for (let c = 0; c < entries; c++) {
      if (counts[c] === 0) continue;
      if (isEmptyValue(values, c * width, width)) missing += counts[c]!;
      else {
        distinct++;
        candidates.push(c);
      }
    }
    const item = (c: number): Uint8Array => values.subarray(c * width, (c + 1) * width);
    const top = selectTop(candidates, (c) => counts[c]!, (a, b) => compareValues(item(a), item(b), width, false));
    const texts = decodeValues(top.map(item), width, false);
    return {
      name: this.name, dtype: this.dtype, count: this.rows, missing,
      distinct: { value: distinct, exact: true },
      top: top.map((c, i) => ({ value: texts[i]!, count: counts[c]! })),
    };
  }
}

/**
 * Plain 'S'/'U' columns. Exact (distinct and top) while the counted rows hold at most 65,536 distinct values.
 * Past that, distinct is a HyperLogLog estimate (relative standard error 1.04/√65536 ≈ 0.41 %, HLL_RELATIVE_ERROR) and
 * the table turns into Misra–Gries counters, which keep every value occurring in more than 1/65,537 of the rows;
 * a second pass counts those candidates exactly. So top is then approximate in one way only: each listed count is
 * exact, but a value rarer than 1/65,537 of the rows may be missing from the list (or the list may be short).
 */
export class PlainStringAccumulator implements StatsAccumulator {
  private table: ByteValueTable | null = null;
  private sketch: HyperLogLog | null = null;
  private rows = 0;
  private missing = 0;

  constructor(private readonly name: string, private readonly dtype: string, private readonly utf32: boolean) {}

  add(block: Block): void {
    const { width, bytes } = block as FixedBytes;
    const n = width > 0 ? bytes.length / width : 0;
    const table = (this.table ??= new ByteValueTable(width));
    this.rows += n;
    for (let i = 0, at = 0; i < n; i++, at += width) {
      if (isEmptyValue(bytes, at, width)) {
        this.missing++;
        continue;
      }
      const h = hashBytes(bytes, at, width, SEED_A);
      if (this.sketch) this.sketch.add(h, hashBytes(bytes, at, width, SEED_B));
      const e = table.find(bytes, at, h);
      if (e >= 0) table.counts[e]!++;
      else if (!table.insert(bytes, at, h)) {
        if (!this.sketch) {
          this.sketch = this.seedSketch(table);
          this.sketch.add(h, hashBytes(bytes, at, width, SEED_B));
        }
        // Misra–Gries: a new value meeting a full table lowers every counter by one and is itself dropped.
        table.decrementAll(1);
      }
    }
  }

  /** Every value seen so far is in the table (it was exact until now): the sketch starts from them. */
  private seedSketch(table: ByteValueTable): HyperLogLog {
    const sketch = new HyperLogLog();
    for (let e = 0; e < table.size; e++) {
      const v = table.value(e);
      sketch.add(hashBytes(v, 0, table.width, SEED_A), hashBytes(v, 0, table.width, SEED_B));
    }
    return sketch;
  }

  wantsSecondPass(): boolean {
    if (!this.sketch || !this.table) return false;
    this.table.resetCounts();
    return true;
  }

  addAgain(block: Block): void {
    const { width, bytes } = block as FixedBytes;
    const table = this.table!;
    const n = bytes.length / width;
    for (let i = 0, at = 0; i < n; i++, at += width) {
      if (isEmptyValue(bytes, at, width)) continue;
      const e = table.find(bytes, at, hashBytes(bytes, at, width, SEED_A));
      if (e >= 0) table.counts[e]!++;
    }
  }

  finish(): ColumnStats {
    const out: MutableStats = { name: this.name, dtype: this.dtype, count: this.rows, missing: this.missing };
    const table = this.table;
    if (!table) return { ...out, distinct: { value: 0, exact: true }, top: [] };
    out.distinct = this.sketch ? { value: Math.round(this.sketch.estimate()), exact: false } : { value: table.size, exact: true };
    const w = table.width;
    const top = selectTop(present(table.counts, table.size), (e) => table.counts[e]!, (a, b) => compareValues(table.value(a), table.value(b), w, this.utf32));
    const texts = decodeValues(top.map((e) => table.value(e)), w, this.utf32);
    out.top = top.map((e, i) => ({ value: texts[i]!, count: table.counts[e]! }));
    return out;
  }
}
