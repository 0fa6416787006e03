// The rolling minute of memory samples behind the sparklines, and the series drawn from it.
import type { MemorySample } from '../../shared/memory.js';

export const HISTORY_MS = 60_000;

/** Appends a sample and drops those older than the window. */
export function appendSample(history: readonly MemorySample[], sample: MemorySample, windowMs = HISTORY_MS): readonly MemorySample[] {
  const from = sample.time - windowMs;
  return [...history.filter((s) => s.time > from && s.time < sample.time), sample];
}

export interface SeriesPoint {
  readonly time: number;
  readonly value: number;
}

/** One value per sample (skipping samples where it is absent, e.g. a process not yet started). */
export function series(history: readonly MemorySample[], pick: (s: MemorySample) => number | undefined): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const s of history) {
    const value = pick(s);
    if (value !== undefined) out.push({ time: s.time, value });
  }
  return out;
}

/** The RSS series of one process, matched by pid. */
export function processSeries(history: readonly MemorySample[], pid: number): SeriesPoint[] {
  return series(history, (s) => s.processes.find((p) => p.pid === pid)?.rssBytes);
}
