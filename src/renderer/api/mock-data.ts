// Deterministic seed-format rows (chr, pos, pct, c, t) computed from the row number, so any window of any dataset is cheap and checkable.
import type { ColumnInfo } from '../../shared/dataset.js';
import type { ColumnValues, RowWindow } from '../../shared/row-window.js';

/** Rows per chromosome in generated data. */
export const CHR_ROWS = 5_000_000;
/** Store bytes per row: chr |S5 + four 4-byte columns. */
export const SEED_ROW_BYTES = 5 + 4 + 4 + 4 + 4;
/** Source bytes per text line, roughly ("chr12\t123456789\t63.16\t12\t7\n"). */
export const SEED_LINE_BYTES = 27;

export function seedColumns(reason = 'inferred over the whole file'): ColumnInfo[] {
  return [
    { name: 'chr', dtype: '|S5', reason: `${reason}: text, widest value 5 bytes` },
    { name: 'pos', dtype: '<i4', reason: `${reason}: all values are integers in int32 range` },
    { name: 'pct', dtype: '<f4', reason: `${reason}: decimals with at most 2 places` },
    { name: 'c', dtype: '<i4', reason: `${reason}: all values are integers in int32 range` },
    { name: 't', dtype: '<i4', reason: `${reason}: all values are integers in int32 range` },
  ];
}

/** One seed row: pos rises by 10 per row, c and t cycle, pct = 100·c/(c+t) to 2 places as float32. */
export function seedRow(i: number): { chr: string; pos: number; pct: number; c: number; t: number } {
  const c = (i * 7) % 31;
  const t = (i * 11) % 29;
  const pct = c + t === 0 ? 0 : Math.fround(Math.round((10000 * c) / (c + t)) / 100);
  return { chr: `chr${(Math.floor(i / CHR_ROWS) % 22) + 1}`, pos: 10 * i + 1, pct, c, t };
}

/** Reads rows [first, first + count) of the seed columns (all when `names` is absent). */
export function seedWindow(datasetId: string, first: number, count: number, totalRows: number, names?: readonly string[]): RowWindow {
  const wanted = seedColumns().filter((c) => !names || names.includes(c.name));
  const n = Math.max(0, Math.min(count, totalRows - first));
  const chr: string[] = [];
  const pos: number[] = [];
  const pct: number[] = [];
  const c: number[] = [];
  const t: number[] = [];
  for (let k = 0; k < n; k++) {
    const r = seedRow(first + k);
    chr.push(r.chr);
    pos.push(r.pos);
    pct.push(r.pct);
    c.push(r.c);
    t.push(r.t);
  }
  const data: Record<string, ColumnValues> = {
    chr: { kind: 'bytes', values: chr },
    pos: { kind: 'number', values: pos },
    pct: { kind: 'number', values: pct },
    c: { kind: 'number', values: c },
    t: { kind: 'number', values: t },
  };
  return {
    datasetId,
    firstRow: first,
    rowCount: n,
    totalRows,
    columns: wanted.map((col) => ({ name: col.name, dtype: col.dtype, data: data[col.name]! })),
  };
}
