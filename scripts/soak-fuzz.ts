// The soak's fuzz child: runs one parser's seeded inputs, sends a heartbeat every 100 cases (the parent's watchdog) and its figures at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzzTarget, type FuzzTarget } from '../src/core/fuzz/test-support/parser-fuzz.js';
import { SegmentStore } from '../src/core/store/segment-store.js';

const [target, seed, count, boundMs] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'arrayport-soakfuzz-'));
const store = SegmentStore.open({ shmRoot: dir, diskRoot: dir, prefix: 'arrayport-soakfuzz' });
try {
  const figures = await fuzzTarget(target as FuzzTarget, Number(seed), Number(count), {
    workDir: dir,
    store,
    boundMs: Number(boundMs),
    onCase: (k) => void (k % 100 === 0 && process.send?.({ k })),
  });
  process.send?.({ figures });
} finally {
  await store.dispose();
  rmSync(dir, { recursive: true, force: true });
  process.disconnect?.();
}
