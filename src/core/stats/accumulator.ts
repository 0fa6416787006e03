// The contract of a per-column statistics accumulator: blocks in row order, an optional second pass, then the summary.

import type { ColumnStats } from '../../shared/view.js';
import type { ColumnData, DictionaryData } from '../store/dataset-reader.js';

/** One block of a column's counted rows as the reader stores them (dictionary columns stay codes + values). */
export type Block = ColumnData | DictionaryData;

/**
 * Statistics of one column built block by block, so the same code can follow a load as rows commit.
 * Blocks belong to the caller again when add() returns (readers reuse their buffers).
 */
export interface StatsAccumulator {
  /** Pass 1: every counted row once, in row order. */
  add(block: Block): void;
  /** Asked after pass 1: whether finish() needs the same rows again (histogram and spread need min, max and mean first). */
  wantsSecondPass(): boolean;
  /** Pass 2: the same rows in the same blocks as pass 1. */
  addAgain(block: Block): void;
  finish(): ColumnStats;
}

/** A ColumnStats being filled in by finish(). */
export type MutableStats = { -readonly [K in keyof ColumnStats]: ColumnStats[K] };
