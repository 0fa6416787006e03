// Column statistics over the segment store: one accumulator per column fed block by block, a second pass where needed.

import { parseDType } from '../../shared/dtype.js';
import type { ColumnStats } from '../../shared/view.js';
import { CancelledError } from '../load-error.js';
import type { DatasetReader } from '../store/dataset-reader.js';
import type { ManifestColumn } from '../store/manifest.js';
import type { RowIndex } from '../view/row-index.js';
import type { StatsAccumulator } from './accumulator.js';
import { NumericAccumulator } from './numeric-accumulator.js';
import { forEachBlock } from './row-blocks.js';
import { BoolAccumulator, ComplexAccumulator } from './simple-accumulators.js';
import { DictionaryAccumulator, PlainStringAccumulator } from './string-accumulators.js';

export const DEFAULT_BINS = 50;
export const MAX_BINS = 1000;

export interface StatsOptions {
  /** Columns to summarise, in this order; all when absent. */
  readonly columns?: readonly string[];
  /** Histogram bins, 1 … 1000 (default 50). */
  readonly bins?: number;
  /** Ascending original rows to include (a view's filter); every committed row when absent. */
  readonly rows?: RowIndex;
  /** Aborting makes computeStats throw CancelledError at the next block. */
  readonly signal?: AbortSignal;
  /** Fraction of the work done, 0 … 1, after every block. */
  readonly onProgress?: (fraction: number) => void;
}

/**
 * Statistics of the chosen columns over the counted rows (see ColumnStats for each field).
 * Numbers: exact count, NaN count, min/max (64-bit integers as decimal strings), float64 mean and
 * population std with compensated sums, distinct (exact up to 65,536 values, else HyperLogLog, ≈ 0.41 %
 * standard error), top for strings and for columns of at most 20 distinct values, and the histogram
 * np.histogram(x[np.isfinite(x)], bins) gives (±inf left out). Bool: count and True/False counts.
 * Complex: count only. Synchronous: it runs in a worker process.
 */
export function computeStats(reader: DatasetReader, options: StatsOptions = {}): ColumnStats[] {
  if (reader.manifest.array) throw new Error(`dataset ${reader.manifest.id} is an N-d array; statistics are computed for tables`);
  const bins = options.bins ?? DEFAULT_BINS;
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS) throw new RangeError(`histogram bins must be an integer from 1 to ${MAX_BINS}, not ${bins}`);
  const columns = (options.columns ?? reader.manifest.columns.map((c) => c.name)).map((name) => {
    const c = reader.manifest.columns.find((x) => x.name === name);
    if (!c) throw new Error(`dataset ${reader.manifest.id} has no column '${name}'`);
    return c;
  });
  const { rows, signal, onProgress } = options;
  const counted = rows ? rows.length : reader.rows;
  const check = (): void => {
    if (signal?.aborted) throw new CancelledError();
  };
  // Work is counted in rows read; a column whose second pass turns out unneeded skips its share.
  const passes = columns.map((c) => expectedPasses(c));
  const total = passes.reduce((a, p) => a + p * counted, 0);
  let before = 0;
  const report = (done: number): void => {
    check();
    if (onProgress && total > 0) onProgress(Math.min(1, (before + done) / total));
  };
  const out: ColumnStats[] = [];
  columns.forEach((column, k) => {
    check();
    const acc = accumulatorFor(column, bins);
    if (acc instanceof ComplexAccumulator) acc.addRows(counted);
    else {
      forEachBlock(reader, column.name, rows, (b) => acc.add(b), report);
      before += counted;
      if (acc.wantsSecondPass()) forEachBlock(reader, column.name, rows, (b) => acc.addAgain(b), report);
    }
    out.push(acc.finish());
    before = passes.slice(0, k + 1).reduce((a, p) => a + p * counted, 0);
    report(0);
  });
  onProgress?.(1);
  return out;
}

function accumulatorFor(column: ManifestColumn, bins: number): StatsAccumulator {
  const { name, dtype } = column;
  if (column.storage.kind === 'dictionary') return new DictionaryAccumulator(name, dtype);
  const kind = parseDType(dtype).kind;
  if (kind === 'S' || kind === 'U') return new PlainStringAccumulator(name, dtype, kind === 'U');
  if (kind === 'b') return new BoolAccumulator(name, dtype);
  if (kind === 'c') return new ComplexAccumulator(name, dtype);
  return new NumericAccumulator(name, dtype, bins);
}

/** Passes over the rows a column may need: numbers and plain strings may read twice, the rest once, complex never. */
function expectedPasses(column: ManifestColumn): number {
  const kind = parseDType(column.dtype).kind;
  if (kind === 'c') return 0;
  if (column.storage.kind === 'dictionary' || kind === 'b') return 1;
  return 2;
}
