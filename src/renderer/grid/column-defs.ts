// Column definitions: a pinned column with the original row number, then one column per shown column (values by name).
import type { ColDef } from 'ag-grid-community';
import type { ColumnInfo } from '../../shared/dataset.js';
import { dtypeLabel } from '../../shared/dtype.js';
import { formatCount } from '../format/format-units.js';
import { ColumnHeader } from './ColumnHeader.js';
import type { ColumnHeaderParams } from './ColumnHeader.js';
import { cellFormatter, isNumericDType } from './format-cell.js';
import type { GridRow } from './grid-datasource.js';

export const ROW_NUMBER_COL = '__row';
/** Width of the pinned row-number column (the first screen draws it too). */
export const ROW_NUMBER_WIDTH = 116;

/** The NumPy type as a header shows it (int32), or the dtype itself when it has no label. */
export function typeLabel(dtype: string): string {
  try {
    return dtypeLabel(dtype);
  } catch {
    return dtype;
  }
}

/** Width that fits the header (name, type, sort mark, statistics button) and typical values, so the table reads without resizing. */
export function columnWidth(c: ColumnInfo): number {
  const m = /(\d+)$/.exec(c.dtype);
  const text = c.dtype.includes('S') || c.dtype.includes('U') ? Number(m?.[1] ?? 8) : 11;
  const header = 44 + 8 * c.name.length + 7 * typeLabel(c.dtype).length + 6 + 24 + 26;
  return Math.min(320, Math.max(96, header, 22 + 8 * text));
}

/** Keys on a focused header: Enter sorts, Shift+Enter adds a sort key; true when handled. */
export type HeaderKeyHandler = (column: string, event: KeyboardEvent) => boolean;

export function buildColumnDefs(columns: readonly ColumnInfo[], onHeaderKey?: HeaderKeyHandler): ColDef<GridRow>[] {
  const rowNumber: ColDef<GridRow> = {
    colId: ROW_NUMBER_COL,
    headerName: 'row',
    headerComponent: ColumnHeader,
    headerComponentParams: { dtypeLabel: '#', reason: 'Original row number (0-based), also in a filtered or sorted view. Click to select rows; Shift or Ctrl/Cmd to extend.' } satisfies ColumnHeaderParams,
    pinned: 'left',
    lockPinned: true,
    width: ROW_NUMBER_WIDTH,
    valueGetter: (p) => p.data?.row,
    valueFormatter: (p) => (typeof p.value === 'number' ? formatCount(p.value) : ''),
    cellClass: 'cell-rownum',
    suppressMovable: true,
  };
  const data = columns.map((c): ColDef<GridRow> => {
    const format = cellFormatter(c.dtype);
    const numeric = isNumericDType(c.dtype);
    return {
      colId: c.name,
      headerName: c.name,
      headerComponent: ColumnHeader,
      headerComponentParams: { dtypeLabel: typeLabel(c.dtype), reason: `${c.dtype}: ${c.reason}`, dataColumn: c.name } satisfies ColumnHeaderParams,
      suppressHeaderKeyboardEvent: (p) => p.event.type === 'keydown' && !!onHeaderKey?.(c.name, p.event),
      suppressMovable: true,
      headerClass: numeric ? 'header-num' : undefined,
      width: columnWidth(c),
      valueGetter: (p) => p.data?.cells.get(c.name),
      valueFormatter: (p) => format(p.value),
      cellClass: numeric ? 'cell-num' : 'cell-text',
    };
  });
  return [rowNumber, ...data];
}
