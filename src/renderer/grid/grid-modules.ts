// The ag-grid modules the table uses (v33+ registers none by default; a missing one logs error #200 and does nothing).
import {
  CellStyleModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  RenderApiModule,
  RowApiModule,
  RowStyleModule,
  ScrollApiModule,
  ValidationModule,
} from 'ag-grid-community';

ModuleRegistry.registerModules([
  InfiniteRowModelModule, // rows come from api.readWindow in blocks
  ScrollApiModule, // ensureIndexVisible, getVerticalPixelRange: moving the window and Go to row
  RowApiModule, // getDisplayedRowAtIndex: copying the focused cell
  RenderApiModule, // redrawRows: repainting row selection
  RowStyleModule, // rowClassRules: selected rows
  CellStyleModule, // cellClass: numbers right-aligned, row numbers muted
  ...(import.meta.env.DEV ? [ValidationModule] : []),
]);
