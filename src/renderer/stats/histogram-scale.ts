// Pure maths of the histogram plot: bar heights on a linear or log scale, the bin under the pointer, a bin's range as text.
import { formatStat } from './stat-format.js';

/** Bar heights in pixels; on the log scale log(1 + count) so single rows still show. A non-empty bin is never under 1 px. */
export function barHeights(counts: readonly number[], height: number, log: boolean): number[] {
  const scale = (n: number) => (log ? Math.log1p(n) : n);
  const top = Math.max(0, ...counts.map(scale));
  return counts.map((n) => (n <= 0 || top === 0 ? 0 : Math.max(1, (scale(n) / top) * height)));
}

/** The bin under x (0 … width), clamped to the bins. */
export function binAt(x: number, width: number, bins: number): number {
  return Math.min(bins - 1, Math.max(0, Math.floor((x / width) * bins)));
}

/** "[12.5, 15)" — the last bin includes its upper edge, as np.histogram's does: "[97.5, 100]". */
export function binRange(edges: readonly number[], i: number): string {
  const last = i === edges.length - 2;
  return `[${formatStat(edges[i]!)}, ${formatStat(edges[i + 1]!)}${last ? ']' : ')'}`;
}
