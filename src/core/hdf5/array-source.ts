// The seam the HDF5 writer reads N-d arrays through: a tree of groups and datasets, each read by hyperslab in C order.

import type { Hyperslab } from '../arrays/hyperslab.js';
import type { H5TypeMeta } from './h5-types.js';

/** How one array element is stored: the HDF5 type to create and what h5py will report. */
export interface ArrayElementType {
  readonly meta: H5TypeMeta;
  /** Bytes per element, in the file and in what `read` returns. */
  readonly itemSize: number;
  /** The dtype the source means (written as the 'numpy_dtype' attribute), e.g. '|b1', '<c16'. */
  readonly numpy: string;
  /** What h5py reports for the written dataset, e.g. '|u1' for bool. */
  readonly h5py: string;
  /** Elements are normalised to 0/1 bytes (bool stored as uint8). */
  readonly bool: boolean;
}

/** Writes attributes onto the object at `path` of the open output file. */
export type AttributeWriter = (fileId: bigint, path: string) => void;

export interface ArrayDatasetSource {
  /** Path below the tree's root, without a leading '/'; '' is the root itself (a lone array). */
  readonly path: string;
  /** Full shape, C order; [] for a scalar. */
  readonly shape: readonly number[];
  readonly type: ArrayElementType;
  readonly attributes?: Record<string, string | number>;
  readonly copyAttributes?: AttributeWriter;
  /** Write the 'numpy_dtype' attribute (always for store arrays, as for tables; for copies only where the type changed). */
  readonly tagDtype: boolean;
  /** The slab's elements in C order of its count, little-endian, `type.itemSize` bytes each. */
  read(slab: Hyperslab): Uint8Array;
  /**
   * Set for variable-length strings: every value, flat in C order. h5wasm writes those only whole,
   * unchunked and uncompressed (no slab writes, no filters for vlen), so `read` is not used.
   */
  readonly strings?: () => string[];
}

export interface ArrayTreeSource {
  /** Base name of the root link, e.g. 'carex' or the HDF5 file's base name; made unique by the writer. */
  readonly name: string;
  /** Groups to create (parents before children), relative like dataset paths; '' is the root group. */
  readonly groups: readonly { readonly path: string; readonly attributes?: Record<string, string | number>; readonly copyAttributes?: AttributeWriter }[];
  readonly datasets: readonly ArrayDatasetSource[];
}
