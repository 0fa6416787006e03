// Runs a filter over a dataset block by block and returns the original row numbers of the rows it keeps.

import { CancelledError } from '../load-error.js';
import type { DatasetReader } from '../store/dataset-reader.js';
import { planFilter, type CompiledFilter } from './filter-compile.js';
import { BlockEvaluator } from './filter-eval.js';
import { allocRowIndex, type RowIndex } from './row-index.js';

export interface RunFilterOptions {
  /** Checked before every block; an abort throws CancelledError. */
  readonly signal?: AbortSignal;
  /** Called after every block with the fraction of rows done (1 at the end). */
  readonly onProgress?: (fraction: number) => void;
  /** Rows evaluated at once (default 65,536): each node of the plan holds a float64 or byte buffer this long. */
  readonly blockRows?: number;
}

export const DEFAULT_BLOCK_ROWS = 65536;

/**
 * The ascending original (0-based) row numbers of the rows of `reader` (its first reader.rows rows) where the
 * filter holds.
 *
 * The expression is checked again against the reader's own columns, since a column may have widened since it
 * was compiled; a FilterError can therefore come from here too. Only the columns the filter names are read,
 * each once per block.
 */
export function runFilter(reader: DatasetReader, filter: CompiledFilter, options: RunFilterOptions = {}): RowIndex {
  const { signal, onProgress } = options;
  const blockRows = Math.max(1, Math.floor(options.blockRows ?? DEFAULT_BLOCK_ROWS));
  const { root } = planFilter(filter.expression, reader.manifest.columns);
  const rows = reader.rows;
  const evaluator = new BlockEvaluator(reader, Math.min(blockRows, Math.max(rows, 1)));
  // Each block's kept rows are copied out of one reused scratch index, then joined once: block-sized pieces come
  // from memory malloc recycles, where a table-sized buffer would be fresh pages (whose first touch is dear on VMs).
  const wide = allocRowIndex(0, rows) instanceof Float64Array;
  const scratch: RowIndex = wide ? new Float64Array(Math.min(blockRows, rows)) : new Uint32Array(Math.min(blockRows, rows));
  const pieces: RowIndex[] = [];
  let total = 0;
  for (let first = 0; first < rows; first += blockRows) {
    if (signal?.aborted) throw new CancelledError();
    const n = Math.min(blockRows, rows - first);
    evaluator.setBlock(first, n);
    const mask = evaluator.mask(root);
    const kept = scratch instanceof Uint32Array ? keepRows32(mask, n, first, scratch) : keepRows64(mask, n, first, scratch);
    evaluator.release(mask);
    if (kept) {
      pieces.push(scratch.slice(0, kept));
      total += kept;
    }
    onProgress?.((first + n) / rows);
  }
  if (signal?.aborted) throw new CancelledError();
  if (rows === 0) onProgress?.(1);
  const out = allocRowIndex(total, rows);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// The block's kept row numbers at the start of `out`, and how many. Branch-free: every row number is written and
// the end steps past the kept ones (a branch per row is mispredicted on random data). One function per index type
// keeps each loop monomorphic.
function keepRows32(mask: Uint8Array, n: number, first: number, out: Uint32Array): number {
  let end = 0;
  for (let i = 0; i < n; i++) {
    out[end] = first + i;
    end += mask[i]!;
  }
  return end;
}

function keepRows64(mask: Uint8Array, n: number, first: number, out: Float64Array): number {
  let end = 0;
  for (let i = 0; i < n; i++) {
    out[end] = first + i;
    end += mask[i]!;
  }
  return end;
}
