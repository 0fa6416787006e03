// The table: ag-grid's Infinite Row Model over a movable window of the dataset's view, with a row navigator, Go to row and copy.
import './grid-modules.js';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridReadyEvent } from 'ag-grid-community';
import type { AppApi } from '../../shared/app-api.js';
import type { ColumnInfo, DatasetInfo } from '../../shared/dataset.js';
import { formatCount } from '../format/format-units.js';
import { buildColumnDefs } from './column-defs.js';
import { createDatasource } from './grid-datasource.js';
import type { GridDatasource, GridRow, GridSource } from './grid-datasource.js';
import { BLOCK_ROWS } from './grid-window.js';
import { darkGridTheme, lightGridTheme } from './grid-theme.js';
import { FirstRows, HEADER_HEIGHT } from './FirstRows.js';
import { GoToRow } from './GoToRow.js';
import { HeaderActionsContext } from './header-actions.js';
import type { HeaderActions } from './header-actions.js';
import { RowNavigator } from './RowNavigator.js';
import { selectedCount } from './row-selection.js';
import { ROW_HEIGHT, useGridWindow } from './use-grid-window.js';
import { useGridSelection } from './use-grid-selection.js';
import { useFirstScreen } from './use-first-screen.js';

// Module-level so every render hands ag-grid the same objects (a new one makes it rebuild its columns).
const DEFAULT_COL_DEF: ColDef<GridRow> = { sortable: false, resizable: true, suppressHeaderMenuButton: true };
/**
 * Rows drawn above and below the viewport. ag-grid's default of 10 drew 20 rows nobody sees with the first ones:
 * first rows on a 1 GB file took 478–531 ms (medians of 9) with 10, 419–491 ms with 3 and 454–470 ms with 4, on
 * the 2-core test machine. 4 still covers a wheel notch of scrolling before the next rows are drawn.
 */
const ROW_BUFFER = 4;
/**
 * No debounce before a block is read: ag-grid's is trailing, so every read (the first block after the first screen,
 * a Go to row) waited 30 ms for nothing. Reads stay bounded by maxConcurrentDatasourceRequests, and a block the
 * grid has dropped meanwhile is answered and discarded; the host answers a 1000-row block in 1–4 ms.
 */
const BLOCK_LOAD_DEBOUNCE_MS = 0;

/** The rows and columns the grid shows: the dataset's current view, or the table as loaded. */
export interface GridView {
  readonly columns: readonly ColumnInfo[];
  /** Rows of the view. */
  readonly total: number;
  readonly viewId: string | undefined;
  /** Whether the view keeps every row in file order (windows without a view id then belong too). */
  readonly plain: boolean;
}

interface Props {
  readonly api: AppApi;
  readonly dataset: DatasetInfo;
  readonly view: GridView;
  readonly actions: HeaderActions;
  readonly dark: boolean;
  readonly styleNonce: string | undefined;
  /** The filter bar, under the toolbar. */
  readonly bar?: ReactNode;
  /** A side panel right of the grid (statistics). */
  readonly side?: ReactNode;
}

export function DataGrid({ api, dataset, view, actions, dark, styleNonce, bar, side }: Props) {
  const [status, setStatus] = useState('');
  const columnsKey = view.columns.map((c) => `${c.name}:${c.dtype}`).join(',');
  // Keyed by names and types only: the host sends a fresh list with every progress update.
  const columns = useMemo(() => view.columns, [columnsKey]);
  const actionsRef = useRef(actions);
  actionsRef.current = actions;
  const columnDefs = useMemo(() => buildColumnDefs(columns, (column, e) => {
    if (e.key !== 'Enter' || !actionsRef.current.sortable) return false;
    actionsRef.current.onSort(column, e.shiftKey);
    return true;
  }), [columns]);
  const firstColId = useCallback(() => columns[0]?.name, [columns]);
  const loading = dataset.state === 'loading' || dataset.state === 'queued';
  const viewKey = view.viewId ?? '';
  const datasourceRef = useRef<GridDatasource | null>(null);
  const releaseHeld = useCallback(() => datasourceRef.current?.releaseHeld() ?? false, []);
  const first = useFirstScreen(api, dataset.id, loading);
  const { gridRef, winRef, targetRef, position, goToRow, onScrollEnd, readPosition } = useGridWindow(view.total, loading, firstColId, viewKey, releaseHeld);
  const { selection, rowClassRules, onCellClicked, onKeyDownCapture } = useGridSelection({
    api, datasetId: dataset.id, columns, total: view.total, viewKey, gridRef, winRef, targetRef, goToRow, onStatus: setStatus,
  });

  const sourceRef = useRef<GridSource>({ columns: [], viewId: undefined, plainOk: true });
  sourceRef.current = {
    columns: columns.map((c) => c.name), viewId: view.viewId, plainOk: view.plain, viewRows: view.viewId ? view.total : undefined,
    waitForRows: loading && view.total === 0 && view.viewId === undefined,
  };
  const datasource = useMemo(
    () => createDatasource(api, dataset.id, () => winRef.current, () => sourceRef.current),
    [api, dataset.id, winRef],
  );
  datasourceRef.current = datasource;
  const picked = selectedCount(selection);
  // Taken when the grid is created (after the first screen), then fixed: a change would make ag-grid rebuild its cache.
  const initialRowsRef = useRef(0);
  if (first.gridOn && initialRowsRef.current === 0) initialRowsRef.current = Math.max(1, winRef.current.size);
  const initialRows = initialRowsRef.current;
  const onGridReady = useCallback((e: GridReadyEvent<GridRow>) => {
    gridRef.current = e.api;
    // With no rows yet the grid's first request is held (waitForRows) and its answer sets the count.
    if (winRef.current.size > 0 && winRef.current.size !== initialRows) e.api.setRowCount(winRef.current.size, true);
    readPosition();
    first.onGridReady();
  }, [gridRef, winRef, readPosition, first.onGridReady, initialRows]);

  return (
    <div className="grid-panel" onKeyDownCapture={onKeyDownCapture}>
      <div className="grid-toolbar">
        <h2 className="grid-title">{dataset.name}</h2>
        <span className="grid-summary">
          {formatCount(dataset.rows)} rows × {dataset.columns.length} columns
          {loading && <span className="badge badge-loading">loading</span>}
        </span>
        <span className="grid-status" role="status">{status || (picked > 0 ? `${formatCount(picked)} selected · Ctrl+C copies` : '')}</span>
        <GoToRow total={view.total} inView={!view.plain} onGo={(row) => goToRow(row, 'middle', true)} />
      </div>
      {bar}
      <div className="grid-body">
        <div className="grid-main">
          <div className="grid-host">
            <HeaderActionsContext.Provider value={actions}>
              {first.gridOn && <AgGridReact<GridRow>
                className="grid"
                theme={dark ? darkGridTheme : lightGridTheme}
                styleNonce={styleNonce}
                columnDefs={columnDefs}
                defaultColDef={DEFAULT_COL_DEF}
                rowModelType="infinite"
                datasource={datasource}
                infiniteInitialRowCount={initialRows}
                cacheBlockSize={BLOCK_ROWS}
                maxBlocksInCache={10}
                blockLoadDebounceMillis={BLOCK_LOAD_DEBOUNCE_MS}
                maxConcurrentDatasourceRequests={2}
                rowBuffer={ROW_BUFFER}
                rowHeight={ROW_HEIGHT}
                headerHeight={HEADER_HEIGHT}
                rowClassRules={rowClassRules}
                suppressNoRowsOverlay
                suppressCellFocus={false}
                onGridReady={onGridReady}
                onBodyScroll={readPosition}
                onBodyScrollEnd={onScrollEnd}
                onCellClicked={onCellClicked}
                onGridSizeChanged={readPosition}
                onFirstDataRendered={first.onGridDrawn}
              />}
            </HeaderActionsContext.Provider>
            {first.shown && <FirstRows columns={columns} window={first.block} dark={dark} maxRows={Math.ceil(window.innerHeight / ROW_HEIGHT)} />}
            {view.total === 0 && !(first.shown && first.block?.rowCount) && (
              <div className="grid-empty">
                {loading ? 'Waiting for the first rows…' : view.plain ? 'This dataset has no rows.' : 'No rows match the filter.'}
              </div>
            )}
          </div>
          <RowNavigator total={view.total} top={position.top} bottom={position.bottom} onSeek={(row) => goToRow(row, 'top', false)} />
        </div>
        {side}
      </div>
    </div>
  );
}
