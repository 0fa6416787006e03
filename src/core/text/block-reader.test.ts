// BlockReader with read-ahead and a small first block: every byte arrives once, in order, whatever the parser keeps.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../shared/seeded-random.js';
import { BlockReader } from './block-reader.js';
import { openByteSource } from './byte-source.js';

const dir = mkdtempSync(join(tmpdir(), 'arrayport-block-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Consumes the file as a parser would: each round keeps an unparsed tail of random length, then refills. */
async function readAll(path: string, blockSize: number, firstBlock: number, seed: number): Promise<{ bytes: Buffer; firstEnd: number }> {
  const source = await openByteSource(path, path);
  const random = mulberry32(seed);
  const reader = new BlockReader(source, blockSize, true, firstBlock);
  const parts: Uint8Array[] = [];
  try {
    await reader.refill(0);
    const firstEnd = reader.end - reader.start;
    for (;;) {
      const available = reader.end - reader.start;
      // Keep up to ~1/3 of the block unparsed (less than the 1 MiB slack), like a record cut at the block's end.
      const keep = reader.eof ? 0 : Math.floor(random() * Math.min(available, blockSize / 3));
      parts.push(reader.buf.slice(reader.start, reader.end - keep));
      if (reader.eof) break;
      await reader.refill(reader.end - keep);
    }
    return { bytes: Buffer.concat(parts), firstEnd };
  } finally {
    await source.close();
  }
}

describe('BlockReader', () => {
  const random = mulberry32(7);
  const data = Buffer.from(Array.from({ length: 3_500_000 }, () => Math.floor(random() * 256)));
  const plain = join(dir, 'data.bin');
  writeFileSync(plain, data);
  const gz = join(dir, 'data.bin.gz');
  writeFileSync(gz, gzipSync(data));

  it.each([
    { name: 'plain', path: plain }, { name: 'gzip', path: gz },
  ])('reads a small first block, then full blocks, and every byte once ($name)', async ({ path }) => {
    for (const [blockSize, firstBlock, seed] of [[1 << 20, 100_000, 1], [1 << 20, 1 << 20, 2], [300_000, 4096, 3], [1 << 20, 5_000_000, 4]] as const) {
      const { bytes, firstEnd } = await readAll(path, blockSize, firstBlock, seed);
      expect(firstEnd).toBe(Math.min(firstBlock, blockSize, data.length));
      expect(bytes.length).toBe(data.length);
      expect(bytes.equals(data)).toBe(true);
    }
  });

  it('ends a file smaller than the first block after one read', async () => {
    const small = join(dir, 'small.bin');
    writeFileSync(small, data.subarray(0, 1000));
    const { bytes, firstEnd } = await readAll(small, 1 << 20, 4096, 5);
    expect(firstEnd).toBe(1000);
    expect(bytes.equals(data.subarray(0, 1000))).toBe(true);
  });
});
