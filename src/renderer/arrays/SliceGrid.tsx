// A virtualized grid of a 2-D (or 1-D) slice: only the cells in view (plus a margin) are read with readSlice.
import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { AppApi } from '../../shared/app-api.js';
import type { ArraySlice } from '../../shared/array-view.js';
import { formatValue } from '../../shared/format-value.js';
import type { DimMapping } from './slice-state.js';

const ROW_H = 24;
const COL_W = 96;
const HEAD_W = 72;
const MARGIN = 8;

interface Props {
  readonly api: AppApi;
  readonly datasetId: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly mapping: DimMapping;
}

export function SliceGrid({ api, datasetId, shape, dtype, mapping }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, left: 0, height: 400, width: 800 });
  const [slice, setSlice] = useState<ArraySlice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rows = shape.length === 0 ? 1 : shape[mapping.rowDim]!;
  const cols = mapping.colDim === undefined ? 1 : shape[mapping.colDim]!;

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setView({ top: el.scrollTop, left: el.scrollLeft, height: el.clientHeight, width: el.clientWidth }));
    };
    measure();
    el.addEventListener('scroll', measure);
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', measure);
      ro.disconnect();
      cancelAnimationFrame(frame);
    };
  }, []);

  const rowStart = Math.max(0, Math.floor(view.top / ROW_H) - MARGIN);
  const rowCount = Math.min(rows - rowStart, Math.ceil(view.height / ROW_H) + 2 * MARGIN);
  const colStart = Math.max(0, Math.floor(view.left / COL_W) - 2);
  const colCount = Math.min(cols - colStart, Math.ceil(view.width / COL_W) + 4);
  const key = `${datasetId}|${mapping.rowDim}|${mapping.colDim}|${mapping.indices.join(',')}`;

  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      api.readSlice(datasetId, { ...mapping, rowStart, rowCount: Math.max(0, rowCount), colStart, colCount: Math.max(0, colCount) }).then(
        (s) => live && (setSlice(s), setError(null)),
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    }, 15);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, key, rowStart, rowCount, colStart, colCount]);

  const cells: ReactElement[] = [];
  if (slice && slice.datasetId === datasetId) {
    for (let r = 0; r < slice.rowCount; r++) {
      const gr = slice.rowStart + r;
      cells.push(<div key={`h${gr}`} className="sg-rowhead" style={{ top: ROW_H * (gr + 1), left: view.left }}>{gr}</div>);
      for (let c = 0; c < slice.colCount; c++) {
        const v = slice.data.values[r * slice.colCount + c];
        cells.push(
          <div key={`${gr}:${slice.colStart + c}`} role="gridcell" className="sg-cell" data-row={gr} data-col={slice.colStart + c}
            style={{ top: ROW_H * (gr + 1), left: HEAD_W + COL_W * (slice.colStart + c) }}>
            {v === undefined ? '' : formatValue(v as number | string | boolean, dtype === 'str' ? '|S' : dtype)}
          </div>,
        );
      }
    }
  }
  const heads: ReactElement[] = [];
  for (let c = colStart; c < colStart + colCount; c++) {
    heads.push(<div key={`c${c}`} role="columnheader" className="sg-colhead" style={{ left: HEAD_W + COL_W * c, top: view.top }}>{c}</div>);
  }

  return (
    <div className="slice-grid" ref={scroller} role="grid" aria-label="Slice values" aria-rowcount={rows} aria-colcount={cols}>
      <div className="sg-canvas" style={{ height: ROW_H * (rows + 1), width: HEAD_W + COL_W * cols }}>
        {heads}
        {cells}
      </div>
      {error && <div className="sg-error" role="alert">{error}</div>}
    </div>
  );
}
