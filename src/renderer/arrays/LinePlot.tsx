// A line plot of a 1-D slice (the row dimension at the chosen indices), hand-drawn in SVG from at most a few thousand values.
import { useEffect, useState } from 'react';
import type { AppApi } from '../../shared/app-api.js';
import type { ArraySlice } from '../../shared/array-view.js';
import type { DimMapping } from './slice-state.js';

const MAX_POINTS = 4000;
const W = 900;
const H = 360;
const PAD = 40;

interface Props {
  readonly api: AppApi;
  readonly datasetId: string;
  readonly shape: readonly number[];
  readonly mapping: DimMapping;
}

export function LinePlot({ api, datasetId, shape, mapping }: Props) {
  const [slice, setSlice] = useState<ArraySlice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const len = shape.length === 0 ? 1 : shape[mapping.rowDim]!;
  const key = `${datasetId}|${mapping.rowDim}|${mapping.indices.join(',')}`;
  useEffect(() => {
    let live = true;
    api.readSlice(datasetId, { rowDim: mapping.rowDim, indices: mapping.indices, rowStart: 0, rowCount: Math.min(len, MAX_POINTS) }).then(
      (s) => live && (setSlice(s), setError(null)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [api, key, len]);

  const ys = (slice?.data.values ?? []).map((v) => (typeof v === 'boolean' ? Number(v) : Number(v)));
  const finite = ys.filter(Number.isFinite);
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 1;
  const x = (i: number) => PAD + ((W - 2 * PAD) * i) / Math.max(1, ys.length - 1);
  const y = (v: number) => H - PAD - ((H - 2 * PAD) * (v - lo)) / (hi - lo || 1);
  const d = ys.map((v, i) => (Number.isFinite(v) ? `${i === 0 || !Number.isFinite(ys[i - 1]!) ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}` : '')).join('');
  return (
    <figure className="lineplot">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Line plot of dim ${mapping.rowDim}`}>
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} className="axis" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={H - PAD} className="axis" />
        <text x={PAD - 4} y={PAD} textAnchor="end" className="tick">{hi.toPrecision(4)}</text>
        <text x={PAD - 4} y={H - PAD} textAnchor="end" className="tick">{lo.toPrecision(4)}</text>
        <text x={W - PAD} y={H - PAD + 16} textAnchor="end" className="tick">{ys.length - 1}</text>
        <path d={d} className="line" />
      </svg>
      <figcaption className="muted">{len > MAX_POINTS ? `first ${MAX_POINTS} of ${len} values` : `${len} values`}</figcaption>
      {error && <div className="sg-error" role="alert">{error}</div>}
    </figure>
  );
}
