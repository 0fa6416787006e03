// A column's histogram as SVG bars on a linear or log scale; hovering (or arrow keys) shows a bin's range and count.
import { useId, useState } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { Histogram as HistogramData } from '../../shared/view.js';
import { formatCount } from '../format/format-units.js';
import { barHeights, binAt, binRange } from './histogram-scale.js';
import { formatStat } from './stat-format.js';

interface Props {
  readonly column: string;
  readonly histogram: HistogramData;
  readonly log: boolean;
}

const W = 300;
const H = 72;

export function Histogram({ column, histogram, log }: Props) {
  const [active, setActive] = useState<number | null>(null);
  const tipId = useId();
  const { counts, edges } = histogram;
  const n = counts.length;
  const heights = barHeights(counts, H, log);
  const bw = W / n;
  const gap = bw > 4 ? 0.6 : 0;
  const lo = formatStat(edges[0]!);
  const hi = formatStat(edges[n]!);
  const tallest = Math.max(0, ...counts);

  const onMove = (e: MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    setActive(binAt(((e.clientX - r.left) / r.width) * W, W, n));
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const move: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, Home: -n, End: n };
    const step = move[e.key];
    if (step === undefined) return;
    e.preventDefault();
    setActive((a) => Math.min(n - 1, Math.max(0, (a ?? (step > 0 ? -1 : n)) + step)));
  };

  return (
    <figure className="hist">
      <div
        className="hist-plot"
        tabIndex={0}
        role="img"
        aria-label={`Histogram of ${column}: ${n} bins from ${lo} to ${hi}${log ? ', log scale' : ''}. Arrow keys read the bins.`}
        aria-describedby={active !== null ? tipId : undefined}
        onMouseMove={onMove}
        onMouseLeave={() => setActive(null)}
        onKeyDown={onKey}
        onBlur={() => setActive(null)}
      >
        <svg className="hist-svg" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" data-scale={log ? 'log' : 'linear'} aria-hidden="true">
          {counts.map((c, i) => (
            <rect
              key={i}
              className={i === active ? 'hist-bar hist-bar-active' : 'hist-bar'}
              x={i * bw + gap}
              width={Math.max(0.5, bw - 2 * gap)}
              y={H - heights[i]!}
              height={heights[i]!}
              data-count={c}
            />
          ))}
          <line className="hist-base" x1={0} x2={W} y1={H - 0.5} y2={H - 0.5} />
        </svg>
        {active !== null && (
          <div id={tipId} role="tooltip" className="hist-tip" style={{ left: `${Math.min(82, Math.max(18, ((active + 0.5) / n) * 100))}%` }}>
            <span className="mono">{binRange(edges, active)}</span>
            <strong>{formatCount(counts[active]!)} {counts[active] === 1 ? 'row' : 'rows'}</strong>
          </div>
        )}
      </div>
      <figcaption className="hist-axis">
        <span>{lo}</span>
        <span className="muted">{log ? 'log scale · ' : ''}tallest bin {formatCount(tallest)}</span>
        <span>{hi}</span>
      </figcaption>
    </figure>
  );
}
