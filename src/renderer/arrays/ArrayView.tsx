// An N-d array dataset: the dimension mapper above a grid, heatmap or line plot of the chosen slice.
import { useState } from 'react';
import type { AppApi } from '../../shared/app-api.js';
import type { DatasetInfo } from '../../shared/dataset.js';
import { DimensionMapper } from './DimensionMapper.js';
import { Heatmap } from './Heatmap.js';
import { LinePlot } from './LinePlot.js';
import { SliceGrid } from './SliceGrid.js';
import { initialMapping } from './slice-state.js';

type Mode = 'grid' | 'heatmap' | 'line';

export function ArrayView({ api, dataset }: { readonly api: AppApi; readonly dataset: DatasetInfo }) {
  const { shape, dtype } = dataset.array!;
  const [mapping, setMapping] = useState(() => initialMapping(shape));
  const numeric = /^[<>|]?[biufc]\d+$/.test(dtype);
  const modes: Mode[] = ['grid', ...(numeric && shape.length >= 2 ? (['heatmap'] as const) : []), ...(numeric && shape.length >= 1 ? (['line'] as const) : [])];
  const [mode, setMode] = useState<Mode>(modes.includes('heatmap') ? 'heatmap' : 'grid');
  const ready = dataset.state === 'ready';
  return (
    <div className="array-panel">
      <div className="grid-toolbar">
        <h2 className="grid-title">{dataset.name}</h2>
        <span className="grid-summary">shape ({shape.join(', ')}) · {dtype}</span>
        <div className="view-modes" role="tablist" aria-label="View">
          {modes.map((m) => (
            <button key={m} type="button" role="tab" aria-selected={mode === m} className={mode === m ? 'tab tab-on' : 'tab'} onClick={() => setMode(m)}>
              {m === 'grid' ? 'Grid' : m === 'heatmap' ? 'Heatmap' : 'Line'}
            </button>
          ))}
        </div>
      </div>
      <DimensionMapper shape={shape} mapping={mapping} onChange={setMapping} />
      {!ready ? (
        <div className="grid-empty">Loading… slices can be read once the array is in the store.</div>
      ) : mode === 'heatmap' ? (
        <Heatmap api={api} datasetId={dataset.id} shape={shape} mapping={mapping} />
      ) : mode === 'line' ? (
        <LinePlot api={api} datasetId={dataset.id} shape={shape} mapping={mapping} />
      ) : (
        <SliceGrid api={api} datasetId={dataset.id} shape={shape} dtype={dtype} mapping={mapping} />
      )}
    </div>
  );
}
