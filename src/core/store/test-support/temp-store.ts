// Test-only: a segment store of its own for one test file, and the afterAll check that it left nothing in /dev/shm.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import type { DatasetReader } from '../dataset-reader.js';
import { DatasetWriter, type DatasetWriterOptions } from '../dataset-writer.js';
import { SegmentStore } from '../segment-store.js';

export interface TempStore {
  readonly store: SegmentStore;
  /** Closed after the file's tests. */
  readonly readers: DatasetReader[];
  /** A new empty dataset named `name` in the store, and its writer. */
  writer(name: string, options?: DatasetWriterOptions): DatasetWriter;
}

/**
 * A store under `prefix` (with a disk fallback dir of its own) for the calling test file; readers pushed on `readers`
 * are closed, the store disposed and /dev/shm checked for leftovers after the file's tests.
 */
export function useTempStore(prefix: string): TempStore {
  const diskRoot = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-disk-`));
  const store = SegmentStore.open({ prefix, diskRoot });
  const readers: DatasetReader[] = [];
  afterAll(async () => {
    readers.forEach((r) => r.close());
    await store.dispose();
    fs.rmSync(diskRoot, { recursive: true, force: true });
    expect(fs.readdirSync('/dev/shm').filter((n) => n.startsWith(prefix))).toEqual([]);
  });
  const writer = (name: string, options?: DatasetWriterOptions): DatasetWriter => {
    const { dir } = store.createDataset({ name, sourcePath: `/${name}`, sourceBytes: 1, format: 'text', estimatedBytes: 1 << 20 });
    return new DatasetWriter(dir, options);
  };
  return { store, readers, writer };
}
