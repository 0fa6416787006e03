// A column header: name over NumPy type (pos / int32) with the loader's reason as tooltip; click sorts, Shift+click adds a key; a statistics button.
import { useContext } from 'react';
import type { CustomHeaderProps } from 'ag-grid-react';
import { sortOf } from '../view/sort-keys.js';
import { HeaderActionsContext } from './header-actions.js';

export interface ColumnHeaderParams {
  readonly dtypeLabel: string;
  readonly reason: string;
  /**
   * The dataset column this header shows; absent for the row-number column. Not named `column`: ag-grid passes its
   * own Column object under that name, which made the row-number header a sort and statistics button for "[object Object]".
   */
  readonly dataColumn?: string;
}

function sortText(s: { descending: boolean; order: number } | null, keys: number): string {
  if (!s) return 'not sorted';
  return `sorted ${s.descending ? 'descending' : 'ascending'}${keys > 1 ? `, sort key ${s.order} of ${keys}` : ''}`;
}

export function ColumnHeader(props: CustomHeaderProps & ColumnHeaderParams) {
  const actions = useContext(HeaderActionsContext);
  const column = props.dataColumn;
  if (!column) {
    return (
      <span className="col-header" title={props.reason}>
        <span className="col-name">{props.displayName}</span>
        <span className="col-dtype">{props.dtypeLabel}</span>
      </span>
    );
  }
  const s = sortOf(actions.sort, column);
  return (
    <span className={s ? 'col-header col-sorted' : 'col-header'} title={`${props.reason}\nClick to sort; Shift+click adds a sort key.`}>
      <button
        type="button"
        className="col-sort"
        tabIndex={-1}
        disabled={!actions.sortable}
        aria-label={`${column} (${props.dtypeLabel}), ${sortText(s, actions.sort.length)}`}
        onClick={(e) => actions.onSort(column, e.shiftKey)}
      >
        <span className="col-name">{props.displayName}</span>
        <span className="col-dtype">{props.dtypeLabel}</span>
        {s && (
          <span className="sort-mark" aria-hidden="true">
            {s.descending ? '↓' : '↑'}
            {actions.sort.length > 1 && <span className="sort-order">{s.order}</span>}
          </span>
        )}
      </button>
      <button type="button" className="col-stats" tabIndex={-1} aria-label={`Statistics of ${column}`} title={`Statistics of ${column}`} onClick={() => actions.onStats(column)}>
        <StatsIcon />
      </button>
    </span>
  );
}

/** The statistics button's bar-chart icon (the first screen's header draws it too). */
export function StatsIcon() {
  return <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true"><path d="M1 11h10M2.5 10V6M5 10V2.5M7.5 10V5M10 10V7.5" /></svg>;
}
