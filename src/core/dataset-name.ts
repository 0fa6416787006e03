// The name a dataset gets in an export: its input's base name without extensions.

import { basename } from 'node:path';

/** 'coverage.txt.gz' → 'coverage'. Its own module so hosts can name datasets without loading the HDF5 writer. */
export function datasetBaseName(name: string): string {
  const base = basename(name);
  const stem = base.replace(/^(\.?[^.]*).*$/, '$1');
  return stem || base;
}
