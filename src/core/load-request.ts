// What a loader worker is asked and what it answers: one load's request and result (the text and NumPy jobs share them).

import type { TextDialect } from '../shared/dataset.js';

export interface LoadRequest {
  /** The file as the user named it (messages use it). */
  readonly path: string;
  /** The dataset directory the host's store created. */
  readonly datasetDir: string;
  readonly dtype?: string;
  /** For an .npz: the member to load (each member is a dataset of its own). */
  readonly member?: string;
}

export interface LoadResult {
  readonly rows: number;
  readonly format: 'text' | 'npy' | 'npz';
  /** Text only. */
  readonly dialect?: TextDialect;
  /** NumPy inputs: an N-d array (one column) or a structured array (a table). */
  readonly kind?: 'array' | 'table';
  readonly shape?: readonly number[];
}
