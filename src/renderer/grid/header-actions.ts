// What a column header can do (sort, open its statistics), handed to ag-grid's header components through React context.
import { createContext } from 'react';
import type { SortKey } from '../../shared/view.js';

export interface HeaderActions {
  /** The sort the headers show (the one last asked for). */
  readonly sort: readonly SortKey[];
  /** False while the table cannot be sorted (still loading). */
  readonly sortable: boolean;
  readonly onSort: (column: string, additive: boolean) => void;
  readonly onStats: (column: string) => void;
}

export const HeaderActionsContext = createContext<HeaderActions>({
  sort: [],
  sortable: false,
  onSort: () => undefined,
  onStats: () => undefined,
});
