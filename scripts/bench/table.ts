// Prints the bench's tables: one line per tool with seconds, MB/s, peak memory and the ratio to a reference tool.

import type { Measured } from './measure.js';

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (n: number): string => (n / 1e6).toFixed(0);

export interface Row {
  readonly tool: string;
  /** One entry per run; `seconds` may be the tool's own timing rather than the process's wall time. */
  readonly runs: readonly Measured[];
  readonly inputBytes: number;
}

/** Medians over the runs; `baseline` names the row the ratio column divides by. */
export function printTable(title: string, rows: readonly Row[], baseline: string): void {
  const base = rows.find((r) => r.tool === baseline);
  const baseSeconds = base ? median(base.runs.map((r) => r.seconds)) : NaN;
  console.log(`\n${title}`);
  console.log(['tool'.padEnd(64), 'seconds', '  MB/s', 'peak RSS MB', 'peak shm MB', `ratio to ${baseline.split(' ')[0]}`].join('  '));
  for (const r of rows) {
    const s = median(r.runs.map((x) => x.seconds));
    console.log([
      r.tool.padEnd(64),
      s.toFixed(2).padStart(7),
      (r.inputBytes / 1e6 / s).toFixed(0).padStart(6),
      mb(median(r.runs.map((x) => x.peakTreeRssBytes))).padStart(11),
      mb(median(r.runs.map((x) => x.peakShmBytes))).padStart(11),
      (s / baseSeconds).toFixed(2).padStart(5),
    ].join('  '));
  }
}
