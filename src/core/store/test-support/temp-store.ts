// Test-only: a segment store of its own for one test file, and the afterAll check that it left nothing in /dev/shm.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import type { DatasetReader } from '../dataset-reader.js';
import { SegmentStore } from '../segment-store.js';

/**
 * A store under `prefix` (with a disk fallback dir of its own) for the calling test file; readers pushed on `readers`
 * are closed, the store disposed and /dev/shm checked for leftovers after the file's tests.
 */
export function useTempStore(prefix: string): { store: SegmentStore; readers: DatasetReader[] } {
  const diskRoot = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-disk-`));
  const store = SegmentStore.open({ prefix, diskRoot });
  const readers: DatasetReader[] = [];
  afterAll(async () => {
    readers.forEach((r) => r.close());
    await store.dispose();
    fs.rmSync(diskRoot, { recursive: true, force: true });
    expect(fs.readdirSync('/dev/shm').filter((n) => n.startsWith(prefix))).toEqual([]);
  });
  return { store, readers };
}
