// The table: ag-grid's Infinite Row Model over a movable window of the dataset, with a row navigator, Go to row and copy.
import './grid-modules.js';
import { useCallback, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridReadyEvent } from 'ag-grid-community';
import type { AppApi } from '../../shared/app-api.js';
import type { DatasetInfo } from '../../shared/dataset.js';
import { formatCount } from '../format/format-units.js';
import { buildColumnDefs } from './column-defs.js';
import { createDatasource } from './grid-datasource.js';
import type { GridRow } from './grid-datasource.js';
import { BLOCK_ROWS } from './grid-window.js';
import { darkGridTheme, lightGridTheme } from './grid-theme.js';
import { GoToRow } from './GoToRow.js';
import { RowNavigator } from './RowNavigator.js';
import { selectedCount } from './row-selection.js';
import { ROW_HEIGHT, useGridWindow } from './use-grid-window.js';
import { useGridSelection } from './use-grid-selection.js';

// Module-level so every render hands ag-grid the same objects (a new one makes it rebuild its columns).
const DEFAULT_COL_DEF: ColDef<GridRow> = { sortable: false, resizable: true, suppressHeaderMenuButton: true };

interface Props {
  readonly api: AppApi;
  readonly dataset: DatasetInfo;
  readonly dark: boolean;
  readonly styleNonce: string | undefined;
}

export function DataGrid({ api, dataset, dark, styleNonce }: Props) {
  const [status, setStatus] = useState('');
  const columnsKey = dataset.columns.map((c) => `${c.name}:${c.dtype}`).join(',');
  // Keyed by names and types only: the host sends a fresh list with every progress update.
  const columns = useMemo(() => dataset.columns, [columnsKey]);
  const columnDefs = useMemo(() => buildColumnDefs(columns), [columns]);
  const firstColId = useCallback(() => columns[0]?.name, [columns]);
  const loading = dataset.state === 'loading' || dataset.state === 'queued';
  const { gridRef, winRef, targetRef, position, goToRow, onScrollEnd, readPosition } = useGridWindow(dataset.rows, loading, firstColId);
  const { selection, rowClassRules, onCellClicked, onKeyDownCapture } = useGridSelection({ api, dataset, gridRef, winRef, targetRef, goToRow, onStatus: setStatus });

  const columnNames = useCallback(() => columns.map((c) => c.name), [columns]);
  const datasource = useMemo(
    () => createDatasource(api, dataset.id, () => winRef.current, columnNames),
    [api, dataset.id, winRef, columnNames],
  );
  const picked = selectedCount(selection);
  // Fixed at mount: changing it later would make ag-grid rebuild its cache.
  const [initialRows] = useState(() => Math.max(1, winRef.current.size));
  const onGridReady = useCallback((e: GridReadyEvent<GridRow>) => {
    gridRef.current = e.api;
    e.api.setRowCount(winRef.current.size, true);
    readPosition();
  }, [gridRef, winRef, readPosition]);

  return (
    <div className="grid-panel" onKeyDownCapture={onKeyDownCapture}>
      <div className="grid-toolbar">
        <h2 className="grid-title">{dataset.name}</h2>
        <span className="grid-summary">
          {formatCount(dataset.rows)} rows × {dataset.columns.length} columns
          {loading && <span className="badge badge-loading">loading</span>}
        </span>
        <span className="grid-status" role="status">{status || (picked > 0 ? `${formatCount(picked)} selected · Ctrl+C copies` : '')}</span>
        <GoToRow total={dataset.rows} onGo={(row) => goToRow(row, 'middle', true)} />
      </div>
      <div className="grid-host">
        <AgGridReact<GridRow>
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
          blockLoadDebounceMillis={30}
          maxConcurrentDatasourceRequests={2}
          rowBuffer={10}
          rowHeight={ROW_HEIGHT}
          headerHeight={34}
          rowClassRules={rowClassRules}
          suppressNoRowsOverlay
          suppressCellFocus={false}
          onGridReady={onGridReady}
          onBodyScroll={readPosition}
          onBodyScrollEnd={onScrollEnd}
          onCellClicked={onCellClicked}
          onGridSizeChanged={readPosition}
        />
        {dataset.rows === 0 && (
          <div className="grid-empty">{loading ? 'Waiting for the first rows…' : 'This dataset has no rows.'}</div>
        )}
      </div>
      <RowNavigator total={dataset.rows} top={position.top} bottom={position.bottom} onSeek={(row) => goToRow(row, 'top', false)} />
    </div>
  );
}
