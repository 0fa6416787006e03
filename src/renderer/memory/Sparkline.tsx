// A tiny hand-written SVG sparkline of the last minute (a charting library would outweigh the whole panel).
import type { SeriesPoint } from './memory-history.js';
import { HISTORY_MS } from './memory-history.js';

interface Props {
  readonly points: readonly SeriesPoint[];
  /** The value at the top edge; defaults to the series maximum. */
  readonly max?: number;
  readonly now: number;
}

const W = 120;
const H = 24;

export function Sparkline({ points, max, now }: Props) {
  const top = Math.max(max ?? 0, ...points.map((p) => p.value), 1);
  const xy = points.map((p) => {
    const x = W - ((now - p.time) / HISTORY_MS) * W;
    const y = H - 1 - (p.value / top) * (H - 2);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  const first = xy[0]?.split(',')[0];
  const last = xy[xy.length - 1]?.split(',')[0];
  return (
    <svg className="sparkline" viewBox={`0 0 ${W} ${H}`} width={W} height={H} aria-hidden="true" preserveAspectRatio="none">
      {xy.length > 1 && <polygon className="sparkline-area" points={`${first},${H} ${xy.join(' ')} ${last},${H}`} />}
      {xy.length > 1 && <polyline className="sparkline-line" points={xy.join(' ')} />}
    </svg>
  );
}
