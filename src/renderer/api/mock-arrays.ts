// A generated 3-D array for the mock host (time × lat × lon waves), answering readSlice and readLevelOfDetail like the real host.
import type { ArraySlice, LevelOfDetail, LodRequest, SliceRequest } from '../../shared/array-view.js';
import type { DatasetInfo } from '../../shared/dataset.js';

export const CUBE_SHAPE = [24, 180, 360] as const;

/** Value at (t, y, x): a travelling wave over latitude bands. */
export function cubeValue(idx: readonly number[]): number {
  const [t, y, x] = idx as [number, number, number];
  return Math.fround(Math.sin(x / 20 + t / 3) * Math.cos(y / 15) * 10 + y / 18);
}

export function cubeInfo(id: string): DatasetInfo {
  return {
    id, name: 'sst_cube.npy', sourcePath: '/data/sst_cube.npy', sourceBytes: 24 * 180 * 360 * 4 + 128, format: 'npy', state: 'ready',
    rows: CUBE_SHAPE[0], columns: [{ name: 'value', dtype: '<f4', reason: 'from the .npy header: <f4 (24, 180, 360)' }],
    storeBytes: 24 * 180 * 360 * 4, array: { shape: [...CUBE_SHAPE], dtype: '<f4' },
    placement: { kind: 'shm', dir: `/dev/shm/arrayport-4100/${id}`, reason: 'fits in free shared memory' },
  };
}

const at = (indices: readonly number[], rowDim: number, r: number, colDim: number | undefined, c: number): number =>
  cubeValue(indices.map((v, k) => (k === rowDim ? r : k === colDim ? c : v)));

export function cubeSlice(datasetId: string, q: SliceRequest): ArraySlice {
  const rowLen = CUBE_SHAPE[q.rowDim]!;
  const colLen = q.colDim === undefined ? 1 : CUBE_SHAPE[q.colDim]!;
  const colStart = q.colDim === undefined ? 0 : Math.min(q.colStart ?? 0, colLen);
  const cols = q.colDim === undefined ? 1 : Math.max(0, Math.min(q.colCount ?? colLen, colLen - colStart));
  const rowStart = Math.min(q.rowStart, rowLen);
  const rows = Math.max(0, Math.min(q.rowCount, rowLen - rowStart));
  const values: number[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) values.push(at(q.indices, q.rowDim, rowStart + r, q.colDim, colStart + c));
  return { datasetId, rowStart, rowCount: rows, colStart, colCount: cols, dtype: '<f4', data: { kind: 'number', values } };
}

export function cubeLod(datasetId: string, q: LodRequest): LevelOfDetail {
  const rowLen = CUBE_SHAPE[q.rowDim]!;
  const colLen = CUBE_SHAPE[q.colDim]!;
  const rowBins = Math.max(1, Math.min(q.rowBins, rowLen));
  const colBins = Math.max(1, Math.min(q.colBins, colLen));
  const min = new Array<number>(rowBins * colBins).fill(Infinity);
  const max = new Array<number>(rowBins * colBins).fill(-Infinity);
  for (let r = 0; r < rowLen; r++) {
    for (let c = 0; c < colLen; c++) {
      const v = at(q.indices, q.rowDim, r, q.colDim, c);
      const b = Math.floor((r * rowBins) / rowLen) * colBins + Math.floor((c * colBins) / colLen);
      min[b] = Math.min(min[b]!, v);
      max[b] = Math.max(max[b]!, v);
    }
  }
  return {
    datasetId, rowBins, colBins, binSize: [rowLen / rowBins, colLen / colBins], step: [1, 1], min, max,
    dataMin: Math.min(...min), dataMax: Math.max(...max), valuesRead: rowLen * colLen,
  };
}
