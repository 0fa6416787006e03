// The left column's list of open datasets; choosing one shows it in the grid.
import type { DatasetInfo } from '../../shared/dataset.js';
import { DatasetItem } from './DatasetItem.js';

interface Props {
  readonly datasets: readonly DatasetInfo[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly onCancel: (id: string) => void;
  readonly onClose: (id: string) => void;
}

export function DatasetList({ datasets, selectedId, onSelect, onCancel, onClose }: Props) {
  return (
    <section className="datasets" aria-label="Datasets">
      <h2 className="panel-title">Datasets <span className="count">{datasets.length}</span></h2>
      {datasets.length === 0 ? (
        <p className="muted datasets-empty">Nothing open yet.</p>
      ) : (
        <ul className="dataset-list">
          {datasets.map((d) => (
            <DatasetItem
              key={d.id}
              dataset={d}
              selected={d.id === selectedId}
              onSelect={() => onSelect(d.id)}
              onCancel={() => onCancel(d.id)}
              onClose={() => onClose(d.id)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
