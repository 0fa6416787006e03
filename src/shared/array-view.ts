// N-d arrays and HDF5 trees as the window sees them: shapes, slice and level-of-detail requests and their answers (plain data).

import type { ColumnValues } from './row-window.js';

/** A dataset that is an N-d array of one element type: the window slices it instead of paging rows. */
export interface ArrayInfo {
  /** The full shape, C order (a Fortran-order source is indexed as NumPy indexes it). [] for a scalar. */
  readonly shape: readonly number[];
  /** NumPy dtype of one element: '<f4', '|b1', '|S5', '<U3', '<c16', or 'str' for variable-length strings. */
  readonly dtype: string;
}

/** One attribute of an HDF5 object, its value already written as text. */
export interface H5Attribute {
  readonly name: string;
  readonly value: string;
}

/** A group, dataset, named datatype or link of an HDF5 file. */
export interface H5TreeNode {
  /** Absolute path in the file: '/', '/entry/data'. */
  readonly path: string;
  readonly name: string;
  readonly kind: 'group' | 'dataset' | 'datatype' | 'link';
  /** Datasets: the shape ([] scalar), or null for an empty (null dataspace) dataset. */
  readonly shape?: readonly number[] | null;
  /** Datasets: the element type as NumPy would name it ('<f8', '|S20', 'str', 'compound(a:<i4, b:<f4)'). */
  readonly dtype?: string;
  /** Datasets: filters in the pipeline, by name ('deflate', 'shuffle', 'lz4 (32004)'). */
  readonly filters?: readonly string[];
  readonly attributes: readonly H5Attribute[];
  readonly children?: readonly H5TreeNode[];
  /** Why this dataset cannot be opened (a filter this build cannot decode, a type it cannot show), when it cannot. */
  readonly problem?: string;
}

/** Which 2-D (or 1-D) slice of an N-d array, and which window of it. */
export interface SliceRequest {
  /** The dimension laid down the rows. */
  readonly rowDim: number;
  /** The dimension laid across the columns; absent for a 1-D slice (one column). */
  readonly colDim?: number;
  /** An index for every dimension of the array; entries for the displayed dimensions are ignored. */
  readonly indices: readonly number[];
  readonly rowStart: number;
  readonly rowCount: number;
  readonly colStart?: number;
  readonly colCount?: number;
}

/** A window of a slice: value (r, c) is `data.values[r * colCount + c]`. */
export interface ArraySlice {
  readonly datasetId: string;
  readonly rowStart: number;
  readonly rowCount: number;
  readonly colStart: number;
  readonly colCount: number;
  readonly dtype: string;
  readonly data: ColumnValues;
}

/** A heatmap's request: the whole 2-D slice, summarised into at most rowBins × colBins bins. */
export interface LodRequest {
  readonly rowDim: number;
  readonly colDim: number;
  readonly indices: readonly number[];
  readonly rowBins: number;
  readonly colBins: number;
}

/**
 * Minimum and maximum per bin (NaN where a bin holds only NaN). Bins are read from a regular sample of the
 * slice (every `step[0]`-th row and `step[1]`-th column), so a huge slice costs about the bins × 16 values.
 */
export interface LevelOfDetail {
  readonly datasetId: string;
  readonly rowBins: number;
  readonly colBins: number;
  /** Slice rows and columns per bin. */
  readonly binSize: readonly [number, number];
  /** The sampling step; [1, 1] means every value was read. */
  readonly step: readonly [number, number];
  /** Row-major, rowBins × colBins. */
  readonly min: number[];
  readonly max: number[];
  /** Over all bins (NaN when there is no finite value). */
  readonly dataMin: number;
  readonly dataMax: number;
  readonly valuesRead: number;
}
