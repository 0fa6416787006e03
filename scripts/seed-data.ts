// Deterministic seed-format coverage tables (chr pos pct c t, tab-separated) for tests, e2e and benchmarks.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mulberry32 as prng } from '../src/shared/seeded-random.js';

const CHROMS = [...Array.from({ length: 22 }, (_, i) => `chr${i + 1}`), 'chrX', 'chrY'];


/** The row-th line (0-based) of a file made with `seed`, without its newline: chromosomes in blocks, positions increasing. */
export function* seedLines(rows: number, seed = 1): Generator<string> {
  const rand = prng(seed);
  const perChrom = Math.max(1, Math.ceil(rows / CHROMS.length));
  let pos = 0;
  for (let i = 0; i < rows; i++) {
    if (i % perChrom === 0) pos = 10_000;
    pos += 1 + Math.floor(rand() * 200);
    const c = Math.floor(rand() * 40);
    const t = Math.floor(rand() * 40);
    const pct = c + t === 0 ? '0' : ((100 * c) / (c + t)).toFixed(2);
    yield `${CHROMS[Math.floor(i / perChrom) % CHROMS.length]}\t${pos}\t${pct}\t${c}\t${t}`;
  }
}

/** Writes a seed-format file of `rows` rows; resolves with its size in bytes. */
export async function writeSeedFile(path: string, rows: number, seed = 1): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let batch: string[] = [];
  for (const line of seedLines(rows, seed)) {
    batch.push(line);
    if (batch.length === 65_536) {
      const text = batch.join('\n') + '\n';
      bytes += Buffer.byteLength(text);
      if (!out.write(text)) await once(out, 'drain');
      batch = [];
    }
  }
  if (batch.length) {
    const text = batch.join('\n') + '\n';
    bytes += Buffer.byteLength(text);
    out.write(text);
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}
