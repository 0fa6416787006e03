// Row selection by view position (click row numbers; Shift/Ctrl/Cmd extend; Shift+Space) and Ctrl/Cmd+C copying as TSV.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import type { CellClickedEvent, GridApi, RowClassRules } from 'ag-grid-community';
import type { AppApi } from '../../shared/app-api.js';
import type { ColumnInfo } from '../../shared/dataset.js';
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
  readonly datasetId: string;
  /** The columns shown, in order (what a copy writes). */
  readonly columns: readonly ColumnInfo[];
  /** Rows of the view. */
  readonly total: number;
  /** Changes with the view: the selection then goes (its positions meant other rows). */
  readonly viewKey: string;
  readonly gridRef: RefObject<GridApi<GridRow> | null>;
  readonly winRef: RefObject<GridWindow>;
  /** The row the last jump landed on (highlighted). */
  readonly targetRef: RefObject<number | null>;
  readonly goToRow: (row: number, where: 'top' | 'middle', focus: boolean) => void;
  readonly onStatus: (text: string) => void;
}

export function useGridSelection({ api, datasetId, columns, total, viewKey, gridRef, winRef, targetRef, goToRow, onStatus }: Deps) {
  const [selection, setSelection] = useState<RowSelection>(EMPTY_SELECTION);
  const selRef = useRef(selection);
  const anchor = useRef<number | null>(null);
  const shownRef = useRef({ datasetId, columns, total });
  shownRef.current = { datasetId, columns, total };

  const update = useCallback((next: RowSelection) => {
    selRef.current = next;
    setSelection(next);
    gridRef.current?.redrawRows();
  }, [gridRef]);

  const rowClassRules = useMemo<RowClassRules<GridRow>>(() => ({
    'row-selected': (p) => (p.data ? isSelected(selRef.current, p.data.pos) : false),
    'row-target': (p) => p.data !== undefined && p.data.pos === targetRef.current,
  }), [targetRef]);

  const onCellClicked = useCallback((e: CellClickedEvent<GridRow>) => {
    const row = e.data?.pos;
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
    const ds = shownRef.current;
    const focused = g.getFocusedCell();
    const focusedRow = focused ? winRef.current.offset + focused.rowIndex : null;
    const sel = selRef.current;
    try {
      if (sel.length > 0 && (focusedRow === null || isSelected(sel, focusedRow))) {
        const n = selectedCount(sel);
        const text = await rowsAsTsv(api, ds.datasetId, ds.columns, takeRows(sel, COPY_ROW_LIMIT));
        await writeClipboard(text);
        onStatus(n > COPY_ROW_LIMIT
          ? `Copied the first ${formatCount(COPY_ROW_LIMIT)} of ${formatCount(n)} selected rows`
          : `Copied ${formatCount(n)} row${n === 1 ? '' : 's'}`);
      } else if (focused) {
        const data = g.getDisplayedRowAtIndex(focused.rowIndex)?.data;
        if (!data) return;
        const colId = focused.column.getColId();
        const dtype = ds.columns.find((c) => c.name === colId)?.dtype ?? '';
        const text = colId === ROW_NUMBER_COL ? String(data.row) : cellFormatter(dtype)(data.cells.get(colId));
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
    else if (mod && e.key === 'End') handled(() => goToRow(shownRef.current.total - 1, 'top', true));
    else if (e.shiftKey && e.key === ' ') {
      const row = focusedRow();
      if (row !== null) handled(() => {
        anchor.current = row;
        update(toggleRow(selRef.current, row));
      });
    } else if (e.key === 'Escape' && selRef.current.length > 0) handled(() => update(EMPTY_SELECTION));
  }, [copy, goToRow, gridRef, winRef, update]);

  useEffect(() => {
    anchor.current = null;
    if (selRef.current.length > 0) update(EMPTY_SELECTION);
  }, [viewKey, update]);

  return { selection, rowClassRules, onCellClicked, onKeyDownCapture };
}
