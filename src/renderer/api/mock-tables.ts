// Small in-memory tables behind the mock's views and statistics: a 20k-row coverage sample (with NaN) and seed rows made concrete.
import type { ColumnInfo } from '../../shared/dataset.js';
import type { ColumnValues, RowWindow } from '../../shared/row-window.js';
import type { ExprColumn } from './mock-expr.js';
import { seedColumns, seedRow } from './mock-data.js';

export interface MockTable {
  readonly rows: number;
  readonly columns: readonly ColumnInfo[];
  readonly data: ReadonlyMap<string, ExprColumn>;
}

/** Rows of the coverage sample table. */
export const SAMPLE_ROWS = 20_000;
/** Its chromosomes, in an order where text sorting (chr10 before chr2) shows. */
export const SAMPLE_CHROMS = ['chr1', 'chr2', 'chr3', 'chr10', 'chrX'] as const;

/** One sample row: every 37th pct is NaN (no coverage); pos is a permutation of 1000 + 50·k. */
export function sampleRow(i: number): Record<string, number | string> {
  const c = (i * 13) % 41;
  const t = (i * 5) % 23;
  const pct = i % 37 === 0 ? NaN : c + t === 0 ? 0 : Math.fround(Math.round((10000 * c) / (c + t)) / 100);
  return { chr: SAMPLE_CHROMS[(i * 7) % SAMPLE_CHROMS.length]!, pos: 1000 + ((i * 7919) % SAMPLE_ROWS) * 50, pct, c, t };
}

export function sampleColumns(): ColumnInfo[] {
  const reason = 'inferred over the whole file';
  return [
    { name: 'chr', dtype: '|S5', reason: `${reason}: text, widest value 5 bytes` },
    { name: 'pos', dtype: '<i4', reason: `${reason}: all values are integers in int32 range` },
    { name: 'pct', dtype: '<f4', reason: `${reason}: decimals with at most 2 places, and 'nan'` },
    { name: 'c', dtype: '<i4', reason: `${reason}: all values are integers in int32 range` },
    { name: 't', dtype: '<i4', reason: `${reason}: all values are integers in int32 range` },
  ];
}

function build(rows: number, columns: readonly ColumnInfo[], rowAt: (i: number) => Record<string, number | string>): MockTable {
  const numbers = new Map<string, Float64Array>();
  const strings = new Map<string, string[]>();
  for (const c of columns) {
    if (c.dtype.includes('S') || c.dtype.includes('U')) strings.set(c.name, new Array<string>(rows));
    else numbers.set(c.name, new Float64Array(rows));
  }
  for (let i = 0; i < rows; i++) {
    const r = rowAt(i);
    for (const [name, a] of numbers) a[i] = r[name] as number;
    for (const [name, a] of strings) a[i] = r[name] as string;
  }
  const data = new Map<string, ExprColumn>();
  for (const c of columns) {
    const s = strings.get(c.name);
    data.set(c.name, s ? { kind: 'string', values: s } : { kind: 'number', values: numbers.get(c.name)! });
  }
  return { rows, columns, data };
}

export function sampleTable(rows = SAMPLE_ROWS): MockTable {
  return build(rows, sampleColumns(), sampleRow);
}

/** The first `rows` seed rows (chr, pos, pct, c, t) as a table. */
export function seedTable(rows: number): MockTable {
  return build(rows, seedColumns(), seedRow);
}

/**
 * Rows [first, first + count) of a table through an optional row index (view positions → original rows),
 * as the host answers readWindow.
 */
export function tableWindow(
  datasetId: string,
  table: MockTable,
  first: number,
  count: number,
  names: readonly string[],
  view?: { readonly id: string; readonly index: Int32Array | null; readonly rows: number },
): RowWindow {
  const total = view ? view.rows : table.rows;
  const n = Math.max(0, Math.min(count, total - first));
  const rowNumbers: number[] = [];
  for (let k = 0; k < n; k++) rowNumbers.push(view?.index ? view.index[first + k]! : first + k);
  const columns = names.map((name) => {
    const info = table.columns.find((c) => c.name === name)!;
    const col = table.data.get(name)!;
    const data: ColumnValues = col.kind === 'string'
      ? { kind: 'bytes', values: rowNumbers.map((r) => col.values[r]!) }
      : { kind: 'number', values: rowNumbers.map((r) => col.values[r]!) };
    return { name, dtype: info.dtype, data };
  });
  return { datasetId, firstRow: first, rowCount: n, totalRows: total, columns, ...(view ? { viewId: view.id, rowNumbers } : {}) };
}
