// The dimension mapping of an N-d array view (which dims are shown, where the others sit), kept pure so it is easy to test.

export interface DimMapping {
  readonly rowDim: number;
  /** Absent for 1-d arrays. */
  readonly colDim?: number;
  readonly indices: readonly number[];
}

/** The last two dimensions shown (rows × columns), every other one at index 0 — H5Web's default. */
export function initialMapping(shape: readonly number[]): DimMapping {
  const nd = shape.length;
  if (nd <= 1) return { rowDim: 0, indices: shape.map(() => 0) };
  return { rowDim: nd - 2, colDim: nd - 1, indices: shape.map(() => 0) };
}

/** Chooses `dim` for rows or columns; when it was the other displayed dim, the two swap. */
export function chooseDim(m: DimMapping, axis: 'row' | 'col', dim: number): DimMapping {
  if (axis === 'row') return dim === m.colDim ? { ...m, rowDim: dim, colDim: m.rowDim } : { ...m, rowDim: dim };
  return dim === m.rowDim ? { ...m, colDim: dim, rowDim: m.colDim ?? m.rowDim } : { ...m, colDim: dim };
}

export function setIndex(m: DimMapping, shape: readonly number[], dim: number, index: number): DimMapping {
  const clamped = Math.max(0, Math.min(shape[dim]! - 1, Math.round(index)));
  return { ...m, indices: m.indices.map((v, k) => (k === dim ? clamped : v)) };
}
