// readSlice and readLevelOfDetail over any N-d array source (a store .npy, an HDF5 dataset in a reader process).

import type { ArraySlice, LevelOfDetail, LodRequest, SliceRequest } from '../../shared/array-view.js';
import { parseDType } from '../../shared/dtype.js';
import type { ColumnValues } from '../../shared/row-window.js';
import { typedView } from '../store/dtype-arrays.js';
import { columnValues, halfToNumber } from '../store/row-window-codec.js';
import type { Hyperslab } from './hyperslab.js';
import { planLod, planSlice, transposeBytes, transposeList } from './slice-plan.js';

/** Elements of a hyperslab: raw little-endian element bytes, or already-decoded strings (HDF5 variable-length strings). */
export type RawBlock = { readonly kind: 'bytes'; readonly bytes: Uint8Array } | { readonly kind: 'strings'; readonly values: string[] };

export interface ArraySource {
  readonly shape: readonly number[];
  /** NumPy descr of the elements as `read` returns them (little-endian), or 'str' for decoded strings. */
  readonly dtype: string;
  /** The slab's elements in C order of its count. */
  read(slab: Hyperslab): Promise<RawBlock>;
}

export async function readArraySlice(source: ArraySource, datasetId: string, request: SliceRequest): Promise<ArraySlice> {
  const plan = planSlice(source.shape, request);
  const n = plan.rows * plan.cols;
  const block = n === 0 ? emptyBlock(source.dtype) : await source.read(plan.slab);
  const base = { datasetId, rowStart: plan.rowStart, rowCount: plan.rows, colStart: plan.colStart, colCount: plan.cols, dtype: source.dtype };
  if (block.kind === 'strings') {
    const values = plan.transposed ? transposeList(block.values, plan.rows, plan.cols) : block.values;
    return { ...base, data: { kind: 'bytes', values } };
  }
  const d = parseDType(source.dtype);
  const bytes = plan.transposed ? transposeBytes(block.bytes, plan.rows, plan.cols, d.itemSize) : block.bytes;
  return { ...base, data: toValues(source.dtype, bytes, n) };
}

function emptyBlock(dtype: string): RawBlock {
  return dtype === 'str' ? { kind: 'strings', values: [] } : { kind: 'bytes', bytes: new Uint8Array(0) };
}

/** Raw element bytes (aligned at 0) as window values. */
export function toValues(dtype: string, bytes: Uint8Array, n: number): ColumnValues {
  const d = parseDType(dtype);
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  if (d.kind === 'S' || d.kind === 'U') return columnValues(d, { width: d.itemSize, bytes: own }, n);
  return columnValues(d, typedView(d, own.buffer as ArrayBuffer, 0, n), n);
}

/** Element values as doubles for the heatmap: complex as magnitude, bool as 0/1, 64-bit integers rounded. */
export function toNumbers(dtype: string, bytes: Uint8Array, n: number): Float64Array {
  const d = parseDType(dtype);
  if (d.kind === 'S' || d.kind === 'U') throw new Error(`a heatmap needs numbers; this array holds ${d.descr} strings`);
  const own = bytes.byteOffset === 0 ? bytes : bytes.slice();
  const view = typedView(d, own.buffer as ArrayBuffer, 0, n);
  const out = new Float64Array(n);
  if (d.kind === 'c') for (let i = 0; i < n; i++) out[i] = Math.hypot(view[2 * i] as number, view[2 * i + 1] as number);
  else if (d.kind === 'f' && d.itemSize === 2) for (let i = 0; i < n; i++) out[i] = halfToNumber(view[i] as number);
  else if (view instanceof BigInt64Array || view instanceof BigUint64Array) for (let i = 0; i < n; i++) out[i] = Number(view[i]!);
  else out.set(view as unknown as ArrayLike<number>);
  return out;
}

export async function readArrayLod(source: ArraySource, datasetId: string, request: LodRequest): Promise<LevelOfDetail> {
  if (source.dtype === 'str') throw new Error('a heatmap needs numbers; this array holds strings');
  const plan = planLod(source.shape, request);
  const [sr, sc] = plan.samples;
  const block = await source.read(plan.slab);
  if (block.kind !== 'bytes') throw new Error('a heatmap needs numbers; this array holds strings');
  // The slab comes out in dimension order; as sample (r, c) it sits at r*sc+c, or c*sr+r when transposed.
  const values = toNumbers(source.dtype, block.bytes, sr * sc);
  const { rowBins, colBins } = plan;
  const min = new Array<number>(rowBins * colBins).fill(Infinity);
  const max = new Array<number>(rowBins * colBins).fill(-Infinity);
  let dataMin = Infinity;
  let dataMax = -Infinity;
  for (let r = 0; r < sr; r++) {
    const br = Math.min(rowBins - 1, Math.floor((r * plan.step[0] * rowBins) / plan.rowLen));
    for (let c = 0; c < sc; c++) {
      const v = values[plan.transposed ? c * sr + r : r * sc + c]!;
      if (Number.isNaN(v)) continue;
      const b = br * colBins + Math.min(colBins - 1, Math.floor((c * plan.step[1] * colBins) / plan.colLen));
      if (v < min[b]!) min[b] = v;
      if (v > max[b]!) max[b] = v;
      if (v < dataMin) dataMin = v;
      if (v > dataMax) dataMax = v;
    }
  }
  for (let b = 0; b < min.length; b++) if (min[b] === Infinity) min[b] = max[b] = NaN;
  return {
    datasetId, rowBins, colBins,
    binSize: [plan.rowLen / rowBins, plan.colLen / colBins],
    step: plan.step,
    min, max,
    dataMin: dataMin === Infinity ? NaN : dataMin,
    dataMax: dataMax === -Infinity ? NaN : dataMax,
    valuesRead: sr * sc,
  };
}
