// Sorts a dataset's rows (or a subset of them) by one or more columns: stable, NaN last, by LSD radix passes.

import { dtypeLabel, parseDType } from '../../shared/dtype.js';
import type { SortKey } from '../../shared/view.js';
import { CancelledError } from '../load-error.js';
import type { DatasetReader, DictionaryData } from '../store/dataset-reader.js';
import { gatherColumn } from './gather.js';
import { identityIndex, type RowIndex } from './row-index.js';
import { dictionaryPlan, plainPlan, type KeyPlan } from './sort-key-words.js';
import { countDigits, LsdRadix, newDigitCounts, type KeyWord } from './sort-radix.js';

export interface SortOptions {
  /** The rows to order, ascending original row numbers (a filter's result); all reader.rows rows when absent. */
  readonly rows?: RowIndex;
  readonly signal?: AbortSignal;
  /** Called with the fraction done (0–1) after each column read and each key word sorted. */
  readonly onProgress?: (fraction: number) => void;
}

/** Rows converted to key words per block read: small enough that the words are still in cache when counted. */
const BLOCK_ROWS = 1 << 16;
/** A block spans fewer than BLOCK_ROWS rows, so one slab of this size (any dtype up to 16 bytes) holds all of it. */
const GATHER_SLAB_BYTES = BLOCK_ROWS * 16;

/**
 * The given rows (all rows when `options.rows` is absent) in sorted order: first key most significant, equal
 * keys in their original row order in both directions, NaN last in both directions, −0 equal to +0, strings
 * by bytes. Throws a one-line Error for an unknown column or a dtype with no order, CancelledError on abort.
 *
 * Each key column is read once (in blocks, or gathered at `rows`) into its key words; see LsdRadix for why
 * the passes give this order. Memory per row: the key words of the one key being sorted (8 bytes for 64-bit
 * types, 4 for narrower ones, the width rounded up to 4 for strings), 8 bytes for two position buffers and
 * 4 for one more word buffer (a word already sorted by serves as the other); the result is a position
 * buffer. A float64 key costs 20 bytes a row, a 32-bit or narrower one 16.
 */
export function sortRows(reader: DatasetReader, keys: readonly SortKey[], options: SortOptions = {}): RowIndex {
  const { rows, signal, onProgress } = options;
  const check = (): void => {
    if (signal?.aborted) throw new CancelledError();
  };
  check();
  if ((reader.manifest.shape?.length ?? 1) > 1) throw new Error(`cannot sort ${reader.manifest.name}: it is a ${reader.manifest.shape!.length}-d array, not a table`);
  const plans = keys.map((k) => planKey(reader, k));
  const n = rows ? rows.length : reader.rows;
  if (n > 0xffff_ffff) throw new Error(`cannot sort ${n} rows: at most ${0xffff_ffff} rows sort at once`);
  if (plans.length === 0 || n < 2) return rows ? rows.slice() : identityIndex(n);

  const total = plans.reduce((sum, p) => sum + 1 + p.bits.length, 0);
  let done = 0;
  const step = (): void => {
    done++;
    onProgress?.(Math.min(1, done / total));
    check();
  };
  const radix = new LsdRadix(n);
  // Least significant key first, and within a key its least significant word first.
  for (let k = plans.length - 1; k >= 0; k--) {
    const words = readKeyWords(reader, keys[k]!.column, plans[k]!, rows, radix, check);
    step();
    while (words.length > 0) {
      radix.sortBy(words.pop()!, true);
      step();
    }
  }
  const order = radix.order;
  if (!rows) return order;
  if (reader.rows <= 0xffff_ffff) {
    for (let i = 0; i < n; i++) order[i] = rows[order[i]!]!;
    return order;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rows[order[i]!]!;
  return out;
}

function planKey(reader: DatasetReader, key: SortKey): KeyPlan {
  const col = reader.manifest.columns.find((c) => c.name === key.column);
  if (!col) throw new Error(`cannot sort by '${key.column}': ${reader.manifest.name} has no such column`);
  const descending = key.descending === true;
  const s = col.storage;
  if (s.kind === 'dictionary') {
    const d = reader.readEncoded(col.name, 0, 0) as DictionaryData;
    return dictionaryPlan(d.values, d.width, descending);
  }
  const d = parseDType(s.dtype);
  if (d.kind === 'c') throw new Error(`cannot sort by '${col.name}': ${dtypeLabel(col.dtype)} values have no order`);
  return plainPlan(d, descending);
}

/** The key words of `column` at the rows being sorted, in their original order, with their digit counts. */
function readKeyWords(reader: DatasetReader, column: string, plan: KeyPlan, rows: RowIndex | undefined, radix: LsdRadix, check: () => void): KeyWord[] {
  const n = radix.n;
  // The buffers the previous key's words leave behind hold this key's words: a multi-key sort costs no more memory.
  const words = plan.bits.map((bits) => ({ bits, data: radix.take(), counts: newDigitCounts() }));
  const arrays = words.map((w) => w.data);
  for (let at = 0; at < n; ) {
    // A block spans fewer than BLOCK_ROWS dataset rows, so a sparse subset is gathered in small reads, never a slab.
    let end = at + 1;
    if (rows) while (end < n && end - at < BLOCK_ROWS && rows[end]! - rows[at]! < BLOCK_ROWS) end++;
    else end = Math.min(n, at + BLOCK_ROWS);
    // readEncoded's buffer is reused by the next block; the block is converted before that.
    const data = rows ? gatherColumn(reader, column, rows.subarray(at, end), GATHER_SLAB_BYTES) : reader.readEncoded(column, at, end - at);
    plan.convert(data, arrays, at, end - at);
    for (const w of words) countDigits(w.data, at, end, w.bits, w.counts);
    check();
    at = end;
  }
  return words;
}
