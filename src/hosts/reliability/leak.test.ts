// Load/close cycles leave 0 bytes in the store and the host's RSS within 10% of its level after the first cycle.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHost, writeText } from './test-support/fault-harness.js';
import { loadCloseCycles } from './test-support/leak-cycles.js';

const prefix = `arrayport-test-leak-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'arrayport-leak-'));
const service = startHost({ prefix });
afterAll(async () => {
  await service.dispose();
  rmSync(dir, { recursive: true, force: true });
  expect(readdirSync('/dev/shm').filter((f) => f.startsWith(prefix))).toEqual([]);
});

describe('leaks', () => {
  it('20 load/close cycles: 0 bytes and no segment left, RSS within 10%', { timeout: 90_000 }, async () => {
    const files = [writeText(join(dir, 'a.tsv'), 2, 1), writeText(join(dir, 'b.tsv'), 1, 2)];
    const f = await loadCloseCycles(service, files, 20);
    console.log(`leak cycles: ${JSON.stringify(f)}`);
    expect(f.bytesLeft).toBe(0);
    expect(f.filesLeft).toEqual([]);
    expect(f.rssGrowth).toBeLessThan(0.1);
  });
});
