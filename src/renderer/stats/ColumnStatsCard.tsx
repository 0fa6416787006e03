// One column's summary: count, missing, extremes, mean and std, distinct values (≈ when estimated), top values and the histogram.
import type { ReactNode } from 'react';
import type { ColumnStats } from '../../shared/view.js';
import { dtypeLabel } from '../../shared/dtype.js';
import { formatCount } from '../format/format-units.js';
import { Histogram } from './Histogram.js';
import { formatExtreme, formatStat } from './stat-format.js';

interface Props {
  readonly stats: ColumnStats;
  readonly log: boolean;
  /** Drawn out for a moment after its header's statistics button was pressed. */
  readonly highlighted: boolean;
}

const label = (dtype: string) => {
  try {
    return dtypeLabel(dtype);
  } catch {
    return dtype;
  }
};

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="stat-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ColumnStatsCard({ stats: s, log, highlighted }: Props) {
  const share = s.count > 0 ? (100 * s.missing) / s.count : 0;
  const topMax = Math.max(1, ...(s.top ?? []).map((t) => t.count));
  return (
    <section className={highlighted ? 'stat-card stat-card-hot' : 'stat-card'} aria-label={`Statistics of ${s.name}`} data-column={s.name}>
      <h3>
        <span className="mono">{s.name}</span>
        <span className="col-dtype">{label(s.dtype)}</span>
      </h3>
      <dl className="stat-facts">
        <Fact term="Count">{formatCount(s.count)}</Fact>
        <Fact term="Missing">
          {formatCount(s.missing)}
          {s.missing > 0 && <span className="muted"> ({share < 0.1 ? '<0.1' : share.toFixed(1)}%)</span>}
        </Fact>
        {s.min !== undefined && <Fact term="Min">{formatExtreme(s.min, s.dtype)}</Fact>}
        {s.max !== undefined && <Fact term="Max">{formatExtreme(s.max, s.dtype)}</Fact>}
        {s.mean !== undefined && <Fact term="Mean">{formatStat(s.mean)}</Fact>}
        {s.std !== undefined && <Fact term="Std">{formatStat(s.std)}</Fact>}
        {s.distinct && (
          <Fact term="Distinct">
            {s.distinct.exact ? formatCount(s.distinct.value) : <span title="Estimated (HyperLogLog)">≈ {formatCount(s.distinct.value)}</span>}
          </Fact>
        )}
      </dl>
      {s.top && s.top.length > 0 && (
        <ol className="top-values" aria-label={`Most frequent values of ${s.name}`}>
          {s.top.map((t) => (
            <li key={t.value}>
              <span className="top-value mono" title={t.value}>{t.value || '(empty)'}</span>
              <span className="top-bar" aria-hidden="true"><span style={{ width: `${(100 * t.count) / topMax}%` }} /></span>
              <span className="top-count">{formatCount(t.count)}</span>
            </li>
          ))}
        </ol>
      )}
      {s.histogram && <Histogram column={s.name} histogram={s.histogram} log={log} />}
      {s.histogram === undefined && s.min === undefined && s.top === undefined && <p className="muted small">No values to summarise.</p>}
    </section>
  );
}
