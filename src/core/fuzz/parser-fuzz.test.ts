// A fixed-seed sample of the parser fuzzing (the soak runs over a million inputs): no crash, no slow input, only clear refusals.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SegmentStore } from '../store/segment-store.js';
import { fuzzTarget, type FuzzTarget } from './test-support/parser-fuzz.js';

const dir = mkdtempSync(join(tmpdir(), 'arrayport-pfuzz-'));
const store = SegmentStore.open({ shmRoot: dir, diskRoot: dir, prefix: 'arrayport-test-pfuzz' });
afterAll(async () => {
  await store.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const SAMPLE: Record<FuzzTarget, number> = { 'dtype-spec': 20_000, npy: 1_500, text: 500 };

describe('parser fuzzing (fixed seed)', () => {
  it.each(Object.entries(SAMPLE) as [FuzzTarget, number][])('%s: %i inputs', { timeout: 60_000 }, async (target, count) => {
    const f = await fuzzTarget(target, 20261126, count, { workDir: dir, store, boundMs: 2_000 });
    expect(f.failures).toEqual([]);
    expect(f.accepted + f.refused).toBe(count);
    // Both outcomes occur, or the generator is not reaching the parser's error paths.
    expect(f.accepted).toBeGreaterThan(0);
    expect(f.refused).toBeGreaterThan(0);
  });
});
