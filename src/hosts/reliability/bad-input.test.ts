// Every file of the shared malformed corpus, opened at once through a real host: each settles in bounded time with a clear outcome, the host keeps working.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startHost } from './test-support/fault-harness.js';

const MALFORMED = fileURLToPath(new URL('../../../../shared/corpus/malformed', import.meta.url));
const prefix = `arrayport-test-badin-${process.pid}`;
const service = startHost({ prefix });
afterAll(async () => {
  await service.dispose();
  expect(readdirSync('/dev/shm').filter((f) => f.startsWith(prefix))).toEqual([]);
});

describe('malformed corpus through the Node host', () => {
  it('each file loads, opens, or fails naming the file with a message; nothing is left in the store', { timeout: 60_000 }, async () => {
    const files = readdirSync(MALFORMED).map((f) => join(MALFORMED, f));
    expect(files.length).toBeGreaterThanOrEqual(9);
    const started = Date.now();
    const ids = await service.openPaths(files);
    const settled = await service.idle(ids);
    // Bounded: small files, so anything near the timeout is a hang.
    expect(Date.now() - started).toBeLessThan(30_000);
    for (const d of settled) {
      expect(['ready', 'failed'], `${d.name}: ${d.state}`).toContain(d.state);
      if (d.state === 'failed') {
        expect(d.error?.file, d.name).toContain(d.sourcePath.split('/').pop()!);
        expect(d.error?.message.length, d.name).toBeGreaterThan(5);
        expect(d.error?.message, d.name).not.toMatch(/undefined|\[object Object\]|process ended unexpectedly/);
        expect(d.storeBytes).toBe(0);
      }
    }
    for (const id of ids) await service.close(id);
    expect(service.store.storeBytes()).toBe(0);
  });
});
