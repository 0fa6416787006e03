// A running or finished export: progress with bytes, rate and ETA, then the written file, what was left out, and its download link.
import type { ExportStatus } from '../../shared/export-request.js';
import { ProgressBar } from '../datasets/ProgressBar.js';
import { formatBytes, formatDuration, formatRate, percentOf } from '../format/format-units.js';

interface Props {
  readonly status: ExportStatus;
  readonly onCancel: () => void;
}

export function ExportProgress({ status: s, onCancel }: Props) {
  if (s.state === 'running') {
    const detail = [
      `${formatBytes(s.bytesWritten)} of ${formatBytes(s.bytesTotal)}`,
      s.rate > 0 ? formatRate(s.rate) : null,
      s.etaSeconds !== undefined ? `ETA ${formatDuration(s.etaSeconds)}` : null,
    ].filter(Boolean).join(' · ');
    return (
      <div className="export-progress">
        <ProgressBar label="Export progress" percent={percentOf(s.bytesWritten, s.bytesTotal)} detail={detail} />
        <button type="button" onClick={onCancel}>Cancel export</button>
      </div>
    );
  }
  if (s.state === 'done') {
    return (
      <div className="export-result" role="status">
        <p className="export-done">Export done</p>
        <dl className="facts">
          <dt>File</dt><dd className="mono">{s.destination}</dd>
          <dt>Size</dt><dd>{formatBytes(s.fileBytes ?? s.bytesWritten)}</dd>
          <dt>Time</dt><dd>{formatDuration(s.elapsedSeconds)}</dd>
        </dl>
        {s.warnings && s.warnings.length > 0 && (
          <div className="export-warnings">
            <p className="export-warnings-title">Left out ({s.warnings.length})</p>
            <ul aria-label="Left out of the export">
              {s.warnings.map((w) => <li key={w} className="mono">{w}</li>)}
            </ul>
          </div>
        )}
        {s.downloadUrl && <a className="download" href={s.downloadUrl} download>Download {s.destination.split(/[\\/]/).pop()}</a>}
      </div>
    );
  }
  return (
    <div className={s.state === 'failed' ? 'export-error' : 'export-cancelled'} role={s.state === 'failed' ? 'alert' : 'status'}>
      {s.state === 'failed' ? `Export failed: ${s.error ?? 'unknown error'}` : 'Export cancelled; no partial file was left behind.'}
    </div>
  );
}
