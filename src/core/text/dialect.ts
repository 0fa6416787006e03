// Guesses a text table's delimiter and line ending from its first lines.

import type { TextDialect } from '../../shared/dataset.js';
import { Tokenizer } from './tokenizer.js';

const CANDIDATES = ['\t', ',', ';'] as const;
const LINES = 50;

/**
 * The candidate whose field count is consistent (all sampled records but at most one outlier, such as a
 * title line, agree) and greater than one; the largest such count wins, so a tab table with '255,0,0'
 * cells stays tab-separated. Whitespace runs when none fits.
 */
export function detectDelimiter(buf: Uint8Array, start: number, end: number, final: boolean): TextDialect['delimiter'] {
  let best: TextDialect['delimiter'] = 'whitespace';
  let bestCount = 1;
  // Ragged files (no consistent candidate) get the delimiter that most records agree on, so errors name the right rows.
  let ragged: TextDialect['delimiter'] = 'whitespace';
  let raggedFreq = 0;
  for (const d of CANDIDATES) {
    const { mode, freq, records } = fieldCounts(buf, start, end, final, d);
    if (mode > bestCount && freq >= Math.max(1, records - 1)) {
      best = d;
      bestCount = mode;
    }
    if (mode > 1 && 2 * freq >= records && freq > raggedFreq) {
      ragged = d;
      raggedFreq = freq;
    }
  }
  return bestCount > 1 ? best : ragged;
}

/** The most common field count among the first records, how many have it, and how many were read. */
export function fieldCounts(buf: Uint8Array, start: number, end: number, final: boolean, d: TextDialect['delimiter']): { mode: number; freq: number; records: number } {
  const tok = new Tokenizer(d);
  tok.setBuffer(buf, start, end, final);
  const counts = new Map<number, number>();
  let records = 0;
  while (records < LINES) {
    const n = tok.nextRecord();
    if (n < 0) break;
    counts.set(n, (counts.get(n) ?? 0) + 1);
    records++;
  }
  let mode = 0;
  let freq = 0;
  for (const [n, f] of counts) if (f > freq || (f === freq && n > mode)) [mode, freq] = [n, f];
  return { mode, freq, records };
}

/** Index of the first NUL byte (text files have none), or -1. */
export function findNul(buf: Uint8Array, start: number, end: number): number {
  const i = buf.subarray(start, end).indexOf(0);
  return i < 0 ? -1 : start + i;
}

/** The most frequent line ending among the first block's line breaks (LF when there is none). */
export function detectLineEnding(buf: Uint8Array, start: number, end: number): TextDialect['lineEnding'] {
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  const stop = Math.min(end, start + (1 << 20));
  // indexOf is a native scan: this runs once per file, mostly before the optimizer has looked at it.
  for (let i = buf.indexOf(13, start); i >= 0 && i < stop; i = buf.indexOf(13, i + 1)) {
    if (buf[i + 1] === 10) crlf++;
    else cr++;
  }
  for (let i = buf.indexOf(10, start); i >= 0 && i < stop; i = buf.indexOf(10, i + 1)) {
    if (i === start || buf[i - 1] !== 13) lf++;
  }
  if (crlf >= lf && crlf >= cr && crlf > 0) return 'CRLF';
  return cr > lf ? 'CR' : 'LF';
}
