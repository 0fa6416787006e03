// Fuzzing the text loader with a fixed seed: random bytes and mutated seed lines load or fail with a LoadError, never crash or hang.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { LoadError } from '../load-error.js';
import { loadTextFile } from './text-loader.js';
import { MemorySink } from './test-support/memory-sink.js';
import { seedLines } from './test-support/seed-file.js';

const dir = mkdtempSync(join(tmpdir(), 'arrayport-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rng(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}

const ALPHABET = '0123456789.,;\t \r\n"#-+eENA/x';

/** Loads `bytes`; anything but success or a LoadError fails the test. */
async function survive(bytes: Uint8Array, k: number, blockSize: number): Promise<void> {
  const p = join(dir, `z${k}`);
  writeFileSync(p, bytes);
  const sink = new MemorySink();
  const r = await loadTextFile(p, sink, { blockSize }).catch((e: unknown) => e);
  if (r instanceof Error) {
    expect(r, `case ${k}: ${r.stack}`).toBeInstanceOf(LoadError);
    expect((r as LoadError).info.file).toBe(p);
  } else {
    const ok = r as Awaited<ReturnType<typeof loadTextFile>>;
    expect(sink.rows).toBe(ok.rows);
  }
}

describe('fuzz: random bytes and mutated seed lines never crash', () => {
  it('random byte strings', async () => {
    const r = rng(42);
    for (let k = 0; k < 150; k++) {
      const len = r(300);
      const bytes = new Uint8Array(len);
      for (let i = 0; i < len; i++) bytes[i] = k % 3 === 0 ? r(256) : ALPHABET.charCodeAt(r(ALPHABET.length));
      await survive(k % 10 === 9 ? gzipSync(bytes) : bytes, k, 1 + r(64));
    }
  });

  it('mutated seed lines', async () => {
    const r = rng(7);
    const base = seedLines(60, 3, { missing: true }).join('\n');
    for (let k = 0; k < 150; k++) {
      const chars = base.split('');
      for (let m = 0; m < 1 + r(6); m++) {
        const at = r(chars.length);
        const op = r(3);
        if (op === 0) chars.splice(at, 1);
        else if (op === 1) chars.splice(at, 0, ALPHABET[r(ALPHABET.length)]!);
        else chars[at] = ALPHABET[r(ALPHABET.length)]!;
      }
      await survive(new TextEncoder().encode(chars.join('')), 1000 + k, 16 + r(512));
    }
  });

  it('a truncated gzip stream is a LoadError', async () => {
    const gz = gzipSync(seedLines(500, 1).join('\n'));
    const p = join(dir, 'trunc.gz');
    writeFileSync(p, gz.subarray(0, gz.length - 40));
    await expect(loadTextFile(p, new MemorySink())).rejects.toBeInstanceOf(LoadError);
  });
});
