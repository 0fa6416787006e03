// Chooses which dimensions of an N-d array are shown (rows, columns) and the index of every other one, like H5Web's mapper.
import type { DimMapping } from './slice-state.js';
import { chooseDim, setIndex } from './slice-state.js';

interface Props {
  readonly shape: readonly number[];
  readonly mapping: DimMapping;
  readonly onChange: (m: DimMapping) => void;
}

export function DimensionMapper({ shape, mapping, onChange }: Props) {
  const nd = shape.length;
  if (nd <= 1) return null;
  const dims = shape.map((len, k) => ({ k, len }));
  return (
    <div className="dim-mapper" role="group" aria-label="Dimensions">
      <label>
        rows
        <select aria-label="Dimension shown as rows" value={mapping.rowDim} onChange={(e) => onChange(chooseDim(mapping, 'row', Number(e.target.value)))}>
          {dims.map(({ k, len }) => <option key={k} value={k}>dim {k} ({len})</option>)}
        </select>
      </label>
      <label>
        columns
        <select aria-label="Dimension shown as columns" value={mapping.colDim} onChange={(e) => onChange(chooseDim(mapping, 'col', Number(e.target.value)))}>
          {dims.map(({ k, len }) => <option key={k} value={k}>dim {k} ({len})</option>)}
        </select>
      </label>
      {dims.filter(({ k }) => k !== mapping.rowDim && k !== mapping.colDim).map(({ k, len }) => (
        <span key={k} className="dim-index">
          <label htmlFor={`dim-slider-${k}`}>dim {k}</label>
          <input
            id={`dim-slider-${k}`} type="range" min={0} max={len - 1} value={mapping.indices[k]}
            aria-label={`Index of dimension ${k}`}
            onChange={(e) => onChange(setIndex(mapping, shape, k, Number(e.target.value)))}
          />
          <input
            type="number" min={0} max={len - 1} value={mapping.indices[k]} className="dim-number"
            aria-label={`Index of dimension ${k} (number)`}
            onChange={(e) => onChange(setIndex(mapping, shape, k, Number(e.target.value)))}
          />
          <span className="muted">/ {len - 1}</span>
        </span>
      ))}
    </div>
  );
}
