// A heatmap of a whole 2-D numeric slice on a canvas: the host answers min/max per bin (one bin per pixel at most), never every value.
import { useEffect, useRef, useState } from 'react';
import type { AppApi } from '../../shared/app-api.js';
import type { LevelOfDetail } from '../../shared/array-view.js';
import { VIRIDIS_CSS, viridis } from './colormap.js';
import type { DimMapping } from './slice-state.js';

interface Props {
  readonly api: AppApi;
  readonly datasetId: string;
  readonly shape: readonly number[];
  readonly mapping: DimMapping;
}

const MAX_W = 900;
const MAX_H = 560;

export function Heatmap({ api, datasetId, shape, mapping }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // With the slice it belongs to: the picture is labelled only once its own answer has arrived.
  const [lod, setLod] = useState<(LevelOfDetail & { key: string }) | null>(null);
  const [ms, setMs] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [auto, setAuto] = useState(true);
  const [fixed, setFixed] = useState<[string, string]>(['0', '1']);
  const rows = shape[mapping.rowDim]!;
  const cols = shape[mapping.colDim!]!;
  // One bin per drawn pixel at most; the picture keeps the slice's aspect ratio within the box.
  const scale = Math.min(MAX_W / cols, MAX_H / rows);
  const width = Math.max(1, Math.round(cols * scale));
  const height = Math.max(1, Math.round(rows * scale));
  const key = `${datasetId}|${mapping.rowDim}|${mapping.colDim}|${mapping.indices.join(',')}`;

  useEffect(() => {
    let live = true;
    const started = performance.now();
    api.readLevelOfDetail(datasetId, { rowDim: mapping.rowDim, colDim: mapping.colDim!, indices: mapping.indices, rowBins: Math.min(rows, height), colBins: Math.min(cols, width) }).then(
      (l) => {
        if (!live) return;
        setLod({ ...l, key });
        setMs(performance.now() - started);
        setError(null);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [api, key, width, height]);

  const lo = auto ? lod?.dataMin ?? 0 : Number(fixed[0]);
  const hi = auto ? lod?.dataMax ?? 1 : Number(fixed[1]);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || !lod) return;
    const img = ctx.createImageData(lod.colBins, lod.rowBins);
    const span = hi - lo || 1;
    for (let i = 0; i < lod.max.length; i++) viridis((lod.max[i]! - lo) / span, img.data, 4 * i);
    const off = new OffscreenCanvas(lod.colBins, lod.rowBins);
    off.getContext('2d')!.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, c.width, c.height);
    ctx.drawImage(off, 0, 0, c.width, c.height);
    c.dataset.drawn = `${lod.key}|${lo}|${hi}`;
  }, [lod, lo, hi]);

  return (
    <div className="heatmap">
      <div className="heatmap-controls">
        <label><input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> auto range</label>
        <label>min <input aria-label="Colour range minimum" type="number" disabled={auto} value={auto ? String(lod?.dataMin ?? '') : fixed[0]} onChange={(e) => setFixed([e.target.value, fixed[1]])} /></label>
        <label>max <input aria-label="Colour range maximum" type="number" disabled={auto} value={auto ? String(lod?.dataMax ?? '') : fixed[1]} onChange={(e) => setFixed([fixed[0], e.target.value])} /></label>
        <span className="colorbar" style={{ background: VIRIDIS_CSS }} aria-hidden="true" />
        {lod && (
          <span className="muted heatmap-stats" role="status">
            {lod.rowBins}×{lod.colBins} bins of {rows}×{cols} · {lod.valuesRead.toLocaleString('en-US')} values read{lod.step[0] * lod.step[1] > 1 ? ` (every ${lod.step[0]}×${lod.step[1]})` : ''} · {ms.toFixed(0)} ms
          </span>
        )}
      </div>
      <canvas ref={canvas} width={width} height={height} className="heatmap-canvas" role="img" aria-label={`Heatmap of dims ${mapping.rowDim}×${mapping.colDim} at ${mapping.indices.join(', ')}`} />
      {error && <div className="sg-error" role="alert">{error}</div>}
    </div>
  );
}
