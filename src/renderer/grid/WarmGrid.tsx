// A hidden, empty ag-grid kept mounted for the page's life, so opening the first table does not pay ag-grid's set-up.
import './grid-modules.js';
import { AgGridReact } from 'ag-grid-react';
import { darkGridTheme, lightGridTheme } from './grid-theme.js';

/*
 * Why: the first grid on a page injects the theme's stylesheet (a style recalculation of the whole page) and
 * runs ag-grid's code for the first time; ag-grid removes the stylesheet again when its last grid goes. Done
 * while the user drops the file, that was ~100 ms of the first-rows time on the test machine's 2 cores. This grid
 * has no columns and no rows, so it adds no header cells or rows that a reader or a test would find.
 */
// Module-level: a new array on each render would make ag-grid rebuild its (empty) columns.
const NO_COLUMNS: never[] = [];

export function WarmGrid({ dark, styleNonce }: { readonly dark: boolean; readonly styleNonce: string | undefined }) {
  return (
    <div className="grid-warm" aria-hidden="true" inert>
      <AgGridReact theme={dark ? darkGridTheme : lightGridTheme} styleNonce={styleNonce} rowModelType="infinite" columnDefs={NO_COLUMNS} suppressNoRowsOverlay />
    </div>
  );
}
