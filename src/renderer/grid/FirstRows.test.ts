// The first screen's markup: ag-grid's column order and widths, original row numbers, values as the grid writes them.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../shared/dataset.js';
import type { RowWindow } from '../../shared/row-window.js';
import { buildColumnDefs } from './column-defs.js';
import { FirstRows } from './FirstRows.js';

const columns: ColumnInfo[] = [
  { name: 'chr', dtype: '|S5', reason: 'text' },
  { name: 'pos', dtype: '<i8', reason: 'integers' },
  { name: 'pct', dtype: '<f8', reason: 'decimals' },
];

/** A block as the host sends it: rows 0–2999 of the table (or of a view, with original row numbers). */
function block(rowNumbers?: number[]): RowWindow {
  const n = 3000;
  return {
    datasetId: 'd', firstRow: 0, rowCount: n, totalRows: 40_000_000, ...(rowNumbers ? { viewId: 'v', rowNumbers } : {}),
    columns: [
      { name: 'pct', dtype: '<f8', data: { kind: 'number', values: Array.from({ length: n }, (_, k) => (k === 1 ? 64 : k / 4)) } },
      { name: 'chr', dtype: '|S5', data: { kind: 'bytes', values: Array.from({ length: n }, (_, k) => `chr${k % 3}`) } },
      { name: 'pos', dtype: '<i8', data: { kind: 'bigint', values: Array.from({ length: n }, (_, k) => String(9_007_199_254_740_993n + BigInt(k))) } },
    ],
  } as RowWindow;
}

/** Rows of cell texts, header first, from the static markup. */
function cells(html: string): string[][] {
  const rows = html.split(/<div class="fr-(?:header|row)[^"]*"[^>]*>/).slice(1);
  return rows.map((r) => [...r.matchAll(/<div class="fr-cell[^"]*" style="width:(\d+)px">(.*?)<\/div>(?=<div class="fr-cell|<\/div>)/g)].map((m) => `${m[1]}|${m[2]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()}`));
}

describe('FirstRows', () => {
  it('draws the header and the first rows in the grid\'s columns, widths and cell text, up to maxRows', () => {
    const html = renderToStaticMarkup(createElement(FirstRows, { columns, window: block(), dark: false, maxRows: 35 }));
    const got = cells(html);
    const widths = buildColumnDefs(columns).map((d) => d.width);
    expect(got).toHaveLength(1 + 35);
    expect(got[0]).toEqual([`${widths[0]}|row #`, `${widths[1]}|chr bytes5`, `${widths[2]}|pos int64`, `${widths[3]}|pct float64`]);
    // Values by column name (the block's own column order differs), 64-bit integers exact, floats as NumPy prints them.
    expect(got[2]).toEqual([`${widths[0]}|1`, `${widths[1]}|chr1`, `${widths[2]}|9007199254740994`, `${widths[3]}|64.0`]);
    expect(got[35]).toEqual([`${widths[0]}|34`, `${widths[1]}|chr1`, `${widths[2]}|9007199254741027`, `${widths[3]}|8.5`]);
  });

  it('numbers a view\'s rows by their original row, and draws only the header until the block comes', () => {
    const view = cells(renderToStaticMarkup(createElement(FirstRows, { columns, window: block(Array.from({ length: 3000 }, (_, k) => 1_000_000 + 2 * k)), dark: true, maxRows: 2 })));
    expect(view.map((r) => r[0]!.split('|')[1])).toEqual(['row #', '1,000,000', '1,000,002']);
    expect(cells(renderToStaticMarkup(createElement(FirstRows, { columns, window: null, dark: false, maxRows: 35 })))).toHaveLength(1);
  });
});
