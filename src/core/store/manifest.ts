// The on-disk description of one dataset in the segment store (`<dataset dir>/manifest.json`).

import type { ColumnInfo, DatasetState, LoadErrorInfo, TextDialect } from '../../shared/dataset.js';

/**
 * How one logical column is stored. Every file named here is a valid `.npy` file in the
 * dataset directory that `np.load(path, mmap_mode='r')` opens once the dataset is ready
 * (while loading, the header's shape may still be (0,); the data region already holds
 * `rows` committed values).
 */
export type ColumnStorage =
  | {
      readonly kind: 'plain';
      /** File name of the column, e.g. 'pos.npy' (a generation suffix like 'pos.g1.npy' after a rewrite). */
      readonly file: string;
      /**
       * The file's element dtype. Equal to the column's dtype except for a string column while
       * loading, whose file may be wider (values NUL-padded) until finish() compacts it.
       */
      readonly dtype: string;
    }
  | {
      readonly kind: 'dictionary';
      /** Codes column ('<u1', '<u2' or '<i4' npy), one code per row. */
      readonly codesFile: string;
      readonly codesDtype: string;
      /** Dictionary values as a '|S<n>' npy (n = the logical width); code k is row k of it. */
      readonly valuesFile: string;
      /** The values file's dtype ('|S<n>'). */
      readonly valuesDtype: string;
      /** Number of dictionary entries committed. */
      readonly valueCount: number;
    };

export interface ManifestColumn extends ColumnInfo {
  readonly storage: ColumnStorage;
}

export interface DatasetManifest {
  readonly version: 1;
  readonly id: string;
  readonly name: string;
  readonly state: DatasetState;
  /** Committed-row watermark: readers never read past it. */
  readonly rows: number;
  /** For N-d arrays (later formats): the full shape; tables have [rows]. */
  readonly shape?: readonly number[];
  /**
   * Present for an N-d array dataset: its one column file holds the whole array as a .npy of `shape`,
   * in Fortran order when the source was (kept as it came: readers index by strides, and a load stays a
   * streamed copy). `rows` then counts complete leading-dimension rows (C order) or is 0 until ready (Fortran).
   */
  readonly array?: { readonly fortranOrder: boolean };
  readonly columns: readonly ManifestColumn[];
  readonly source: {
    readonly path: string;
    readonly bytes: number;
    readonly format: 'text' | 'npy' | 'npz' | 'hdf5';
    readonly dialect?: TextDialect;
    /** The member of an .npz the dataset came from. */
    readonly member?: string;
  };
  readonly store: { readonly kind: 'shm' | 'disk'; readonly reason: string };
  readonly error?: LoadErrorInfo;
  /** Size in bytes of each .npy file's fixed header (data starts here). */
  readonly headerBytes: number;
}
