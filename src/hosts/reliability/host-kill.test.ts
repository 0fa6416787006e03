// A host SIGKILLed mid-load or mid-export: its workers end with it, leaving no temporary beside the destination, and the next store to open sweeps the dead session's segments.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SegmentStore } from '../../core/store/segment-store.js';
import { writeText } from './test-support/fault-harness.js';

const prefix = `arrayport-test-hkill-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'arrayport-hkill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A zombie has exited too: only its parent (now init) has yet to reap it. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return false;
  }
}

describe('a host killed with SIGKILL mid-load', () => {
  it('leaves no worker running, and the next SegmentStore.open sweeps its session', { timeout: 60_000 }, async () => {
    const file = writeText(join(dir, 'long.tsv'), 30);
    const { child, line } = await startChild('host-child.fixture.ts', [prefix, file]);
    const { dir: datasetDir, workers } = JSON.parse(line) as { dir: string; workers: number[] };
    expect(workers.length).toBeGreaterThan(0);
    expect(existsSync(datasetDir)).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // Workers notice the closed IPC channel and exit on their own.
    await expect.poll(() => workers.filter(running), { timeout: 10_000, interval: 50 }).toEqual([]);
    const store = SegmentStore.open({ prefix });
    expect(store.swept).toContain(join('/dev/shm', datasetDir.split('/')[3]!));
    expect(existsSync(datasetDir)).toBe(false);
    await store.dispose();
  });
});

/** Runs a fixture host, returns it with the JSON line it printed. */
async function startChild(fixture: string, args: string[]): Promise<{ child: ReturnType<typeof spawn>; line: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(`./test-support/${fixture}`, import.meta.url)), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`host child exited early (${code})`)));
  });
  return { child, line };
}

describe('a host killed with SIGKILL mid-export', () => {
  it('its export worker exits and removes its temporary; no destination appears', { timeout: 120_000 }, async () => {
    const file = writeText(join(dir, 'exported.tsv'), 10);
    const out = join(dir, 'out');
    const destination = join(out, 'killed.h5');
    mkdirSync(out, { recursive: true });
    const { child, line } = await startChild('export-host-child.fixture.ts', [prefix, file, destination]);
    const { workers } = JSON.parse(line) as { workers: number[] };
    expect(workers.length).toBe(1);
    expect(readdirSync(out).filter((f) => f.endsWith('.partial'))).toHaveLength(1);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await expect.poll(() => workers.filter(running), { timeout: 10_000, interval: 50 }).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
    SegmentStore.open({ prefix }).disposeSync();
  });
});
