// The Statistics side panel: a card per shown column over the current view, a log-scale switch, progress while the host computes.
import { useEffect, useRef, useState } from 'react';
import type { DatasetInfo } from '../../shared/dataset.js';
import type { ViewInfo } from '../../shared/view.js';
import { ProgressBar } from '../datasets/ProgressBar.js';
import { formatCount, formatDuration } from '../format/format-units.js';
import { ColumnStatsCard } from './ColumnStatsCard.js';
import type { StatsState } from './use-column-stats.js';

interface Props {
  readonly dataset: DatasetInfo;
  readonly shown: ViewInfo | null;
  readonly state: StatsState;
  /** The column whose header button was pressed last, with a counter so pressing it again scrolls again. */
  readonly focus: { readonly column: string; readonly n: number } | null;
  readonly onClose: () => void;
}

function scopeText(dataset: DatasetInfo, shown: ViewInfo | null): string {
  if (shown?.spec.filter) return `Over the ${formatCount(shown.rows)} rows that match the filter`;
  const own = dataset.stats === 'ready' ? ' (the dataset’s own statistics are ready)' : dataset.stats === 'failed' ? ' (the dataset’s own statistics failed)' : '';
  return `Over all ${formatCount(dataset.rows)} rows${own}`;
}

export function StatsPanel({ dataset, shown, state, focus, onClose }: Props) {
  const [log, setLog] = useState(false);
  const [hot, setHot] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const { stats, loading, waiting, error } = state;

  useEffect(() => {
    if (!focus) return;
    setHot(focus.column);
    const t = setTimeout(() => setHot(null), 1600);
    return () => clearTimeout(t);
  }, [focus]);
  useEffect(() => {
    if (hot) list.current?.querySelector(`[data-column="${CSS.escape(hot)}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [hot, stats]);

  return (
    <aside className="stats-panel" aria-label="Statistics" aria-busy={loading || waiting}>
      <div className="stats-head">
        <h2>Statistics</h2>
        <label className="check stats-log">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} />
          <span>Log scale</span>
        </label>
        <button type="button" className="btn-icon" aria-label="Close statistics" title="Close statistics" onClick={onClose}>✕</button>
      </div>
      <p className="stats-scope">{scopeText(dataset, shown)}</p>
      {dataset.state !== 'ready' && <p className="muted small stats-msg">Statistics are computed once loading ends.</p>}
      {(loading || waiting) && (
        <div className="stats-msg">
          <ProgressBar
            label="Statistics progress"
            percent={undefined}
            detail={waiting ? 'The dataset’s statistics are being computed as its load ends…' : 'Computing statistics…'}
          />
        </div>
      )}
      {error && <p className="form-error stats-msg" role="alert">{error}</p>}
      <div ref={list} className={loading ? 'stats-list stats-stale' : 'stats-list'}>
        {stats?.columns.map((c) => <ColumnStatsCard key={c.name} stats={c} log={log} highlighted={hot === c.name} />)}
        {stats && !loading && <p className="muted small stats-foot">Computed in {formatDuration(stats.seconds)}.</p>}
      </div>
    </aside>
  );
}
