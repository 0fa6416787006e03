// Row selection (click row numbers; Shift/Ctrl/Cmd extend; Shift+Space) and Ctrl/Cmd+C copying as TSV.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import type { CellClickedEvent, GridApi, RowClassRules } from 'ag-grid-community';
import type { AppApi } from '../../shared/app-api.js';
import type { DatasetInfo } from '../../shared/dataset.js';
import { formatCount } from '../format/format-units.js';
import { ROW_NUMBER_COL } from './column-defs.js';
import { COPY_ROW_LIMIT, rowsAsTsv, writeClipboard } from './copy-tsv.js';
import { cellFormatter } from './format-cell.js';
import type { GridRow } from './grid-datasource.js';
import type { GridWindow } from './grid-window.js';
import { EMPTY_SELECTION, isSelected, selectedCount, selectSpan, takeRows, toggleRow } from './row-selection.js';
import type { RowSelection } from './row-selection.js';

interface Deps {
  readonly api: AppApi;
  readonly dataset: DatasetInfo;
  readonly gridRef: RefObject<GridApi<GridRow> | null>;
  readonly winRef: RefObject<GridWindow>;
  /** The row the last jump landed on (highlighted). */
  readonly targetRef: RefObject<number | null>;
  readonly goToRow: (row: number, where: 'top' | 'middle', focus: boolean) => void;
  readonly onStatus: (text: string) => void;
}

export function useGridSelection({ api, dataset, gridRef, winRef, targetRef, goToRow, onStatus }: Deps) {
  const [selection, setSelection] = useState<RowSelection>(EMPTY_SELECTION);
  const selRef = useRef(selection);
  const anchor = useRef<number | null>(null);
  const datasetRef = useRef(dataset);
  datasetRef.current = dataset;

  const update = useCallback((next: RowSelection) => {
    selRef.current = next;
    setSelection(next);
    gridRef.current?.redrawRows();
  }, [gridRef]);

  const rowClassRules = useMemo<RowClassRules<GridRow>>(() => ({
    'row-selected': (p) => (p.data ? isSelected(selRef.current, p.data.row) : false),
    'row-target': (p) => p.data !== undefined && p.data.row === targetRef.current,
  }), [targetRef]);

  const onCellClicked = useCallback((e: CellClickedEvent<GridRow>) => {
    const row = e.data?.row;
    if (row === undefined) return;
    const mouse = e.event as MouseEvent | null;
    if (e.column.getColId() !== ROW_NUMBER_COL) {
      if (selRef.current.length > 0 && !mouse?.shiftKey && !mouse?.ctrlKey && !mouse?.metaKey) update(EMPTY_SELECTION);
      return;
    }
    if (mouse?.shiftKey && anchor.current !== null) update(selectSpan(selRef.current, anchor.current, row));
    else if (mouse?.ctrlKey || mouse?.metaKey) {
      anchor.current = row;
      update(toggleRow(selRef.current, row));
    } else {
      anchor.current = row;
      update(selectSpan(EMPTY_SELECTION, row, row));
    }
  }, [update]);

  const copy = useCallback(async () => {
    const g = gridRef.current;
    if (!g) return;
    const ds = datasetRef.current;
    const focused = g.getFocusedCell();
    const focusedRow = focused ? winRef.current.offset + focused.rowIndex : null;
    const sel = selRef.current;
    try {
      if (sel.length > 0 && (focusedRow === null || isSelected(sel, focusedRow))) {
        const n = selectedCount(sel);
        const text = await rowsAsTsv(api, ds.id, ds.columns, takeRows(sel, COPY_ROW_LIMIT));
        await writeClipboard(text);
        onStatus(n > COPY_ROW_LIMIT
          ? `Copied the first ${formatCount(COPY_ROW_LIMIT)} of ${formatCount(n)} selected rows`
          : `Copied ${formatCount(n)} row${n === 1 ? '' : 's'}`);
      } else if (focused) {
        const data = g.getDisplayedRowAtIndex(focused.rowIndex)?.data;
        if (!data) return;
        const colId = focused.column.getColId();
        const index = ds.columns.findIndex((c) => c.name === colId);
        const text = colId === ROW_NUMBER_COL ? String(data.row) : cellFormatter(ds.columns[index]?.dtype ?? '')(data.values[index]);
        await writeClipboard(text);
        onStatus(`Copied ${colId === ROW_NUMBER_COL ? 'row number' : colId} of row ${formatCount(data.row)}`);
      }
    } catch (err) {
      onStatus(`Copy failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }, [api, gridRef, winRef, onStatus]);

  const onKeyDownCapture = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    if (!(e.target as HTMLElement).closest('.ag-root')) return;
    const mod = e.ctrlKey || e.metaKey;
    const handled = (fn: () => void) => {
      e.preventDefault();
      e.stopPropagation();
      fn();
    };
    const focusedRow = () => {
      const f = gridRef.current?.getFocusedCell();
      return f ? winRef.current.offset + f.rowIndex : null;
    };
    if (mod && e.key.toLowerCase() === 'c') handled(() => void copy());
    else if (mod && e.key === 'Home') handled(() => goToRow(0, 'top', true));
    else if (mod && e.key === 'End') handled(() => goToRow(datasetRef.current.rows - 1, 'top', true));
    else if (e.shiftKey && e.key === ' ') {
      const row = focusedRow();
      if (row !== null) handled(() => {
        anchor.current = row;
        update(toggleRow(selRef.current, row));
      });
    } else if (e.key === 'Escape' && selRef.current.length > 0) handled(() => update(EMPTY_SELECTION));
  }, [copy, goToRow, gridRef, winRef, update]);

  return { selection, rowClassRules, onCellClicked, onKeyDownCapture };
}
