// One dataset in the list: name, state, load progress, placement, errors, and its Cancel / Close buttons.
import type { H5TreeNode } from '../../shared/array-view.js';
import type { DatasetInfo } from '../../shared/dataset.js';
import { formatLoadError } from '../../shared/dataset.js';
import { formatBytes, formatCount, formatDuration, formatRate, percentOf } from '../format/format-units.js';
import { ProgressBar } from './ProgressBar.js';

interface Props {
  readonly dataset: DatasetInfo;
  readonly selected: boolean;
  readonly onSelect: () => void;
  readonly onCancel: () => void;
  readonly onClose: () => void;
}

const STATE_LABEL: Record<DatasetInfo['state'], string> = {
  queued: 'Queued', loading: 'Loading', ready: 'Ready', failed: 'Failed', cancelled: 'Cancelled',
};

/** What the dataset is, in a few words: a table's rows and columns, an array's shape, an HDF5 file's dataset count. */
function summary(d: DatasetInfo): string {
  if (d.tree) return `HDF5 file · ${countDatasets(d.tree)} datasets · ${formatBytes(d.sourceBytes)}`;
  if (d.array) return `shape (${d.array.shape.map(formatCount).join(' × ')}) · ${d.array.dtype} · ${formatBytes(d.storeBytes)}`;
  return `${formatCount(d.rows)} rows · ${d.columns.length} cols · ${formatBytes(d.storeBytes)}`;
}

function countDatasets(node: H5TreeNode): number {
  return (node.kind === 'dataset' ? 1 : 0) + (node.children ?? []).reduce((n, c) => n + countDatasets(c), 0);
}

function progressDetail(d: DatasetInfo): string {
  const p = d.progress;
  if (!p) return 'waiting for a worker';
  const eta = p.rate > 0 ? (p.bytesTotal - p.bytesRead) / p.rate : undefined;
  return [
    `${formatCount(p.rows)} rows`,
    p.rate > 0 ? formatRate(p.rate) : null,
    eta !== undefined ? `ETA ${formatDuration(eta)}` : null,
  ].filter(Boolean).join(' · ');
}

export function DatasetItem({ dataset: d, selected, onSelect, onCancel, onClose }: Props) {
  const running = d.state === 'loading' || d.state === 'queued';
  const gone = d.state === 'failed' || d.state === 'cancelled';
  const place = d.placement && !gone ? (d.placement.kind === 'shm' ? 'shared memory' : 'disk') : null;
  return (
    <li className={`dataset dataset-${d.state}${selected ? ' dataset-selected' : ''}`} aria-current={selected ? 'true' : undefined}>
      <div className="dataset-head">
        <button type="button" className="dataset-name" onClick={onSelect} title={d.sourcePath} aria-label={`Show ${d.name}`}>
          {d.name}
        </button>
        <span className={`badge badge-${d.state}`}>{STATE_LABEL[d.state]}</span>
        {running && <button type="button" className="btn-small" onClick={onCancel} aria-label={`Cancel ${d.name}`}>Cancel</button>}
        <button type="button" className="btn-icon" onClick={onClose} aria-label={`Close ${d.name}`} title={`Close ${d.name}`}>✕</button>
      </div>
      <div className="dataset-meta">
        {gone ? d.sourcePath : summary(d)}
        {place && (
          <>
            {' · '}
            <span className={`placement placement-${d.placement?.kind}`} title={`${d.placement?.dir}: ${d.placement?.reason}`}>{place}</span>
          </>
        )}
      </div>
      {running && (
        <ProgressBar
          label={`Loading ${d.name}`}
          percent={d.progress ? percentOf(d.progress.bytesRead, d.progress.bytesTotal) : undefined}
          detail={progressDetail(d)}
        />
      )}
      {d.error && (
        <div className="dataset-error" role="alert">{formatLoadError(d.error)}</div>
      )}
    </li>
  );
}
