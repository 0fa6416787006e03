// The bar above the grid: a filter expression (Enter applies), progress with Cancel, the sort, "N of M rows", Columns and Statistics.
import { useId, useState } from 'react';
import type { ColumnInfo } from '../../shared/dataset.js';
import { formatCount } from '../format/format-units.js';
import { ColumnsChooser } from './ColumnsChooser.js';
import { describeSort } from './sort-keys.js';
import type { TableView } from './use-table-view.js';

interface Props {
  readonly view: TableView;
  readonly columns: readonly ColumnInfo[];
  /** Rows of the dataset, and of the view shown. */
  readonly totalRows: number;
  readonly viewRows: number;
  /** False while the table cannot be filtered (still loading). */
  readonly enabled: boolean;
  readonly statsOpen: boolean;
  readonly onToggleStats: () => void;
}

const STEP = { filter: 'Filtering', sort: 'Sorting' } as const;

export function FilterBar({ view, columns, totalRows, viewRows, enabled, statsOpen, onToggleStats }: Props) {
  const [text, setText] = useState(view.wanted.filter ?? '');
  const id = useId();
  const { wanted, busy, progress, error, note } = view;
  const sort = wanted.sort ?? [];
  const filtered = !!view.shown?.spec.filter;
  const percent = progress ? Math.round(progress.fraction * 100) : undefined;
  const filterError = error?.source === 'filter' ? error.message : null;

  return (
    <div className="filter-bar">
      <form
        className="filter-form"
        onSubmit={(e) => {
          e.preventDefault();
          view.apply({ ...wanted, filter: text });
        }}
      >
        <label htmlFor={id}>Filter</label>
        <span className="filter-field">
          <input
            id={id}
            className="filter-input mono"
            placeholder={enabled ? 'e.g. pct > 50 and chr == "chr1"' : 'filter and sort once loading ends'}
            spellCheck={false}
            autoComplete="off"
            disabled={!enabled}
            value={text}
            aria-invalid={filterError ? true : undefined}
            aria-describedby={filterError ? `${id}-error` : undefined}
            onChange={(e) => {
              setText(e.target.value);
              if (error || note) view.dismiss();
            }}
          />
          {filterError && <span id={`${id}-error`} className="filter-error" role="alert">{filterError}</span>}
        </span>
        <button type="submit" disabled={!enabled}>Apply</button>
        <button
          type="button"
          disabled={!enabled || (!text && !wanted.filter)}
          onClick={() => {
            setText('');
            view.apply({ ...wanted, filter: undefined });
          }}
        >
          Clear
        </button>
      </form>
      {busy ? (
        <div className="view-progress" role="status">
          <span className="view-progress-text">
            {progress ? `${STEP[progress.step]}… ${percent}%` : 'Working…'}
          </span>
          <span className="view-progress-track" role="progressbar" aria-label="View progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
            <span className="view-progress-fill" style={{ transform: `scaleX(${(percent ?? 0) / 100})` }} />
          </span>
          <button type="button" className="btn-small" aria-label="Cancel filter and sort" onClick={view.cancel}>Cancel</button>
        </div>
      ) : note ? (
        <span className="view-note" role="status">{note}</span>
      ) : error?.source === 'view' ? (
        <span className="view-error" role="alert">
          <span className="view-error-text" title={error.message}>{error.message}</span>
          <button type="button" className="btn-icon" aria-label="Dismiss message" title="Dismiss" onClick={view.dismiss}>✕</button>
        </span>
      ) : null}
      {sort.length > 0 && !busy && (
        <span className="sort-chip">
          <span className="muted">Sorted by</span> {describeSort(sort)}
          <button type="button" className="btn-icon" aria-label="Clear sort" title="Clear sort" onClick={() => view.apply({ ...wanted, sort: [] })}>✕</button>
        </span>
      )}
      <span className="spacer" />
      <output className="view-count" aria-live="polite">
        {filtered ? <><strong>{formatCount(viewRows)}</strong> of {formatCount(totalRows)} rows</> : `${formatCount(totalRows)} rows`}
      </output>
      <ColumnsChooser columns={columns} chosen={wanted.columns} disabled={!enabled} onApply={(chosen) => view.apply({ ...wanted, columns: chosen })} />
      <button type="button" className={statsOpen ? 'toggle toggle-on' : 'toggle'} aria-pressed={statsOpen} onClick={onToggleStats}>
        Statistics
      </button>
    </div>
  );
}
