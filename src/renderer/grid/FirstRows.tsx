// The table's first screen while ag-grid sets itself up: the first block's top rows as plain cells in the grid's geometry.
import { memo } from 'react';
import type { CSSProperties } from 'react';
import type { ColumnInfo } from '../../shared/dataset.js';
import type { RowWindow } from '../../shared/row-window.js';
import { formatCount } from '../format/format-units.js';
import { StatsIcon } from './ColumnHeader.js';
import { columnWidth, ROW_NUMBER_WIDTH, typeLabel } from './column-defs.js';
import { cellFormatter, isNumericDType } from './format-cell.js';
import { darkGridPalette, lightGridPalette } from './grid-theme.js';
import { ROW_HEIGHT } from './use-grid-window.js';

/*
 * Why: creating an ag-grid (its beans, columns, measuring the theme, drawing rows through React) takes ~200 ms of the
 * page's main thread on the 2-core test machine, while the file is being parsed on the same cores. Drawn first, the
 * rows the host already sent are on screen in a few milliseconds; ag-grid is created right after they are painted,
 * under this layer, which goes as soon as ag-grid has drawn its own rows. It is static (no scrolling, no events:
 * pointer events pass through to the grid underneath) and hidden from assistive technology, which gets ag-grid's.
 */

/** ag-grid's header row height (DataGrid passes the same to ag-grid); the header's 1 px bottom border comes on top. */
export const HEADER_HEIGHT = 34;

interface Props {
  readonly columns: readonly ColumnInfo[];
  /** The first block, once the host has sent it; until then only the header is drawn. */
  readonly window: RowWindow | null;
  readonly dark: boolean;
  /** Rows drawn at most: as many as could be in view (the layer clips the rest); each costs style and layout. */
  readonly maxRows: number;
}

// Memo: the table re-renders on every progress tick while the file loads; these cells do not change.
export const FirstRows = memo(function FirstRows({ columns, window: w, dark, maxRows }: Props) {
  const palette = dark ? darkGridPalette : lightGridPalette;
  const style = {
    '--fr-bg': palette.backgroundColor,
    '--fr-fg': palette.foregroundColor,
    '--fr-header': palette.headerBackgroundColor,
    '--fr-odd': palette.oddRowBackgroundColor,
    '--fr-border': palette.borderColor,
    '--fr-row': `${ROW_HEIGHT}px`,
    '--fr-head': `${HEADER_HEIGHT}px`,
  } as Record<string, string>;
  const cols = columns.map((c) => ({
    name: c.name,
    label: typeLabel(c.dtype),
    width: columnWidth(c),
    numeric: isNumericDType(c.dtype),
    format: cellFormatter(c.dtype),
    values: w?.columns.find((v) => v.name === c.name)?.data.values as readonly unknown[] | undefined,
  }));
  const rows = w ? Math.min(maxRows, w.rowCount) : 0;
  style['--fr-cols'] = `${cols.reduce((sum, c) => sum + c.width, ROW_NUMBER_WIDTH)}px`;
  return (
    <div className="first-rows" style={style as CSSProperties} aria-hidden="true">
      <div className="fr-header">
        <div className="fr-cell fr-head-cell" style={{ width: ROW_NUMBER_WIDTH }}>
          <span className="col-header"><span className="col-name">row</span><span className="col-dtype">#</span></span>
        </div>
        {cols.map((c) => (
          <div key={c.name} className={c.numeric ? 'fr-cell fr-head-cell header-num' : 'fr-cell fr-head-cell'} style={{ width: c.width }}>
            <span className="col-header">
              <span className="col-sort"><span className="col-name">{c.name}</span><span className="col-dtype">{c.label}</span></span>
              <span className="col-stats"><StatsIcon /></span>
            </span>
          </div>
        ))}
      </div>
      {Array.from({ length: rows }, (_, k) => (
        <div key={k} className={k % 2 === 1 ? 'fr-row fr-odd' : 'fr-row'}>
          <div className="fr-cell cell-rownum" style={{ width: ROW_NUMBER_WIDTH }}>{formatCount(w!.rowNumbers?.[k] ?? w!.firstRow + k)}</div>
          {cols.map((c) => (
            <div key={c.name} className={c.numeric ? 'fr-cell cell-num' : 'fr-cell cell-text'} style={{ width: c.width }}>{c.format(c.values?.[k])}</div>
          ))}
        </div>
      ))}
    </div>
  );
});
