// The left column's list of open datasets; choosing one shows it in the grid.
import { useEffect, useState } from 'react';
import type { DatasetInfo } from '../../shared/dataset.js';
import { subscribeUploads } from '../api/upload-progress.js';
import type { UploadProgress } from '../api/ws-client.js';
import { formatBytes, percentOf } from '../format/format-units.js';
import { DatasetItem } from './DatasetItem.js';
import { ProgressBar } from './ProgressBar.js';

interface Props {
  readonly datasets: readonly DatasetInfo[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly onCancel: (id: string) => void;
  readonly onClose: (id: string) => void;
}

export function DatasetList({ datasets, selectedId, onSelect, onCancel, onClose }: Props) {
  const [uploads, setUploads] = useState<readonly UploadProgress[]>([]);
  useEffect(() => subscribeUploads(setUploads), []);
  return (
    <section className="datasets" aria-label="Datasets">
      <h2 className="panel-title">Datasets <span className="count">{datasets.length}</span></h2>
      {uploads.length > 0 && (
        <ul className="dataset-list" aria-label="Uploads">
          {uploads.map((u) => (
            <li key={u.name} className="dataset dataset-loading">
              <div className="dataset-head"><span className="dataset-name">{u.name}</span><span className="badge badge-queued">Uploading</span></div>
              <ProgressBar label={`Uploading ${u.name}`} percent={percentOf(u.loaded, u.total)} detail={`${formatBytes(u.loaded)} of ${formatBytes(u.total)} to the host`} />
            </li>
          ))}
        </ul>
      )}
      {datasets.length === 0 && uploads.length === 0 ? (
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
