// Walks a column in blocks of ~64K rows: every committed row, or only the (ascending) rows of a view, gathered per block.

import type { DatasetReader } from '../store/dataset-reader.js';
import type { FixedBytes, NumericArray } from '../store/dtype-arrays.js';
import type { RowIndex } from '../view/row-index.js';
import type { Block } from './accumulator.js';

/** Rows per block: a 512 KB read of float64, small enough to stay in cache while an accumulator runs over it. */
export const BLOCK_ROWS = 65536;

/**
 * Calls `visit` with consecutive blocks of column `name` over `rows` (every row when absent), then `after`
 * with the number of counted rows done. Blocks are the reader's reused buffers or this walk's own: valid
 * until `visit` returns. A subset reads one span per block, from its first to its last selected row, so a
 * sparse filter reads little and a dense one reads whole spans as they are.
 */
export function forEachBlock(
  reader: DatasetReader,
  name: string,
  rows: RowIndex | undefined,
  visit: (block: Block) => void,
  after: (done: number) => void,
): void {
  if (!rows) {
    for (let at = 0; at < reader.rows; at += BLOCK_ROWS) {
      visit(reader.readEncoded(name, at, BLOCK_ROWS));
      after(Math.min(reader.rows, at + BLOCK_ROWS));
    }
    return;
  }
  const gather = new Gather();
  const total = rows.length;
  for (let i = 0; i < total; ) {
    const first = rows[i]!;
    if (!(first < reader.rows)) throw new Error(`row ${first} is past the ${reader.rows} rows of the dataset`);
    const limit = Math.min(first + BLOCK_ROWS, reader.rows);
    let j = i + 1;
    let prev = first;
    for (; j < total && rows[j]! < limit; j++) {
      if (!(rows[j]! > prev)) throw new Error(`statistics need ascending rows; row ${rows[j]} follows row ${prev}`);
      prev = rows[j]!;
    }
    const span = prev - first + 1;
    const src = reader.readEncoded(name, first, span);
    visit(j - i === span ? src : gather.pick(src, rows, i, j, first));
    after(j);
    i = j;
  }
}

/** Copies the selected rows of a span into buffers reused from block to block. */
class Gather {
  private numbers: NumericArray | null = null;
  private bytes = new Uint8Array(0);
  private codes = new Uint16Array(0);

  pick(src: Block, rows: RowIndex, i: number, j: number, first: number): Block {
    const m = j - i;
    if ('codes' in src) {
      if (this.codes.length < m) this.codes = new Uint16Array(BLOCK_ROWS);
      const out = this.codes;
      for (let k = 0; k < m; k++) out[k] = src.codes[rows[i + k]! - first]!;
      return { width: src.width, codes: out.subarray(0, m), values: src.values };
    }
    if ('bytes' in src) return this.pickBytes(src, rows, i, j, first);
    const Ctor = src.constructor as new (n: number) => NumericArray;
    if (!this.numbers || this.numbers.constructor !== Ctor) this.numbers = new Ctor(BLOCK_ROWS);
    const out = this.numbers as Exclude<NumericArray, BigInt64Array | BigUint64Array>;
    if (src instanceof BigInt64Array || src instanceof BigUint64Array) {
      // 64-bit integers move as two 32-bit words: no BigInt per row.
      const from = new Int32Array(src.buffer, src.byteOffset, src.length * 2);
      const to = new Int32Array(this.numbers.buffer, 0, m * 2);
      for (let k = 0; k < m; k++) {
        const r = (rows[i + k]! - first) * 2;
        to[2 * k] = from[r]!;
        to[2 * k + 1] = from[r + 1]!;
      }
    } else {
      const s = src as Exclude<NumericArray, BigInt64Array | BigUint64Array>;
      for (let k = 0; k < m; k++) out[k] = s[rows[i + k]! - first]!;
    }
    return this.numbers.subarray(0, m);
  }

  private pickBytes(src: FixedBytes, rows: RowIndex, i: number, j: number, first: number): FixedBytes {
    const w = src.width;
    const m = j - i;
    if (this.bytes.length < m * w) this.bytes = new Uint8Array(BLOCK_ROWS * w);
    const out = this.bytes;
    for (let k = 0; k < m; k++) {
      const s = (rows[i + k]! - first) * w;
      const o = k * w;
      for (let b = 0; b < w; b++) out[o + b] = src.bytes[s + b]!;
    }
    return { width: w, bytes: out.subarray(0, m * w) };
  }
}
