// Turns the window's slice and level-of-detail requests into hyperslabs of the N-d array, checking every index.

import type { LodRequest, SliceRequest } from '../../shared/array-view.js';
import type { Hyperslab } from './hyperslab.js';

/** Values per readSlice call at most: a screenful is a few thousand. */
export const MAX_SLICE_VALUES = 100_000;
/** Bins per heatmap axis at most. */
export const MAX_BINS = 1024;
/** Samples per bin and axis: enough that a bin's min/max sees its structure, few enough that cost follows the bins. */
const SAMPLES_PER_BIN = 4;

export interface SlicePlan {
  readonly slab: Hyperslab;
  readonly rows: number;
  readonly cols: number;
  readonly rowStart: number;
  readonly colStart: number;
  /** The slab comes out with columns before rows (colDim < rowDim): transpose it. */
  readonly transposed: boolean;
}

function checkDims(shape: readonly number[], rowDim: number, colDim: number | undefined, indices: readonly number[]): void {
  const nd = shape.length;
  if (nd === 0) {
    if (rowDim !== 0 || colDim !== undefined) throw new Error('a scalar has no dimensions to lay out');
    return;
  }
  if (!(rowDim >= 0 && rowDim < nd)) throw new Error(`rowDim ${rowDim} is not a dimension of a ${nd}-d array`);
  if (colDim !== undefined && !(colDim >= 0 && colDim < nd && colDim !== rowDim)) throw new Error(`colDim ${colDim} is not another dimension of a ${nd}-d array`);
  if (indices.length !== nd) throw new Error(`indices has ${indices.length} entries for a ${nd}-d array`);
  for (let k = 0; k < nd; k++) {
    if (k === rowDim || k === colDim) continue;
    if (!(Number.isInteger(indices[k]) && indices[k]! >= 0 && indices[k]! < shape[k]!)) throw new Error(`index ${indices[k]} is out of range for dimension ${k} of length ${shape[k]}`);
  }
}

export function planSlice(shape: readonly number[], r: SliceRequest): SlicePlan {
  checkDims(shape, r.rowDim, r.colDim, r.indices);
  if (shape.length === 0) {
    const one = r.rowStart === 0 && r.rowCount > 0 ? 1 : 0;
    return { slab: { start: [], count: [], step: [] }, rows: one, cols: 1, rowStart: 0, colStart: 0, transposed: false };
  }
  const rowLen = shape[r.rowDim]!;
  const colLen = r.colDim === undefined ? 1 : shape[r.colDim]!;
  const rowStart = Math.min(r.rowStart, rowLen);
  const colStart = r.colDim === undefined ? 0 : Math.min(r.colStart ?? 0, colLen);
  const cols = r.colDim === undefined ? 1 : Math.max(0, Math.min(r.colCount ?? colLen, colLen - colStart));
  const rows = Math.max(0, Math.min(r.rowCount, rowLen - rowStart, cols > 0 ? Math.floor(MAX_SLICE_VALUES / cols) : rowLen));
  const start = shape.map((_, k) => (k === r.rowDim ? rowStart : k === r.colDim ? colStart : r.indices[k]!));
  const count = shape.map((_, k) => (k === r.rowDim ? rows : k === r.colDim ? cols : 1));
  return { slab: { start, count, step: shape.map(() => 1) }, rows, cols, rowStart, colStart, transposed: r.colDim !== undefined && r.colDim < r.rowDim };
}

export interface LodPlan {
  readonly slab: Hyperslab;
  readonly rowBins: number;
  readonly colBins: number;
  readonly rowLen: number;
  readonly colLen: number;
  readonly step: readonly [number, number];
  /** Samples per axis (the slab's count along rowDim and colDim). */
  readonly samples: readonly [number, number];
  readonly transposed: boolean;
}

export function planLod(shape: readonly number[], r: LodRequest): LodPlan {
  if (shape.length < 2) throw new Error('a heatmap needs a 2-d slice of an array with at least 2 dimensions');
  checkDims(shape, r.rowDim, r.colDim, r.indices);
  const rowLen = shape[r.rowDim]!;
  const colLen = shape[r.colDim]!;
  const rowBins = Math.max(1, Math.min(r.rowBins, MAX_BINS, rowLen));
  const colBins = Math.max(1, Math.min(r.colBins, MAX_BINS, colLen));
  const rowStep = Math.max(1, Math.floor(rowLen / (rowBins * SAMPLES_PER_BIN)));
  const colStep = Math.max(1, Math.floor(colLen / (colBins * SAMPLES_PER_BIN)));
  const samples: [number, number] = [Math.ceil(rowLen / rowStep), Math.ceil(colLen / colStep)];
  const start = shape.map((_, k) => (k === r.rowDim || k === r.colDim ? 0 : r.indices[k]!));
  const count = shape.map((_, k) => (k === r.rowDim ? samples[0] : k === r.colDim ? samples[1] : 1));
  const step = shape.map((_, k) => (k === r.rowDim ? rowStep : k === r.colDim ? colStep : 1));
  return { slab: { start, count, step }, rowBins, colBins, rowLen, colLen, step: [rowStep, colStep], samples, transposed: r.colDim < r.rowDim };
}

/** Transposes a cols × rows matrix of `itemSize`-byte elements into rows × cols. */
export function transposeBytes(bytes: Uint8Array, rows: number, cols: number, itemSize: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) {
      const from = (c * rows + r) * itemSize;
      out.set(bytes.subarray(from, from + itemSize), (r * cols + c) * itemSize);
    }
  }
  return out;
}

export function transposeList<T>(values: readonly T[], rows: number, cols: number): T[] {
  const out = new Array<T>(values.length);
  for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) out[r * cols + c] = values[c * rows + r]!;
  return out;
}
