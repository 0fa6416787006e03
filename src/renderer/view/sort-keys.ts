// How header clicks change the sort: a click cycles one column ascending → descending → off, Shift+click adds or cycles a further key.
import type { SortKey, ViewSpec } from '../../shared/view.js';

/** The sort after clicking `column`'s header (`additive` when Shift was held). */
export function nextSort(sort: readonly SortKey[], column: string, additive: boolean): SortKey[] {
  const at = sort.findIndex((k) => k.column === column);
  const key = sort[at];
  if (!additive) {
    // Like ag-grid: the clicked column's direction moves on and every other key goes.
    if (!key) return [{ column }];
    return key.descending ? [] : [{ column, descending: true }];
  }
  if (!key) return [...sort, { column }];
  if (!key.descending) return sort.map((k, i) => (i === at ? { column, descending: true } : k));
  return sort.filter((_, i) => i !== at);
}

/** Where `column` sits in the sort, for its header: direction and 1-based order, or null. */
export function sortOf(sort: readonly SortKey[], column: string): { descending: boolean; order: number } | null {
  const at = sort.findIndex((k) => k.column === column);
  return at < 0 ? null : { descending: !!sort[at]!.descending, order: at + 1 };
}

/** A spec without empty parts, so "nothing asked" is `{}` and compares equal. */
export function tidySpec(spec: ViewSpec): ViewSpec {
  const filter = spec.filter?.trim();
  return {
    ...(filter ? { filter } : {}),
    ...(spec.sort && spec.sort.length ? { sort: spec.sort.map((k) => (k.descending ? { column: k.column, descending: true } : { column: k.column })) } : {}),
    ...(spec.columns ? { columns: [...spec.columns] } : {}),
  };
}

/** Whether the spec shows the table as loaded (every row in file order, every column). */
export function isWholeTable(spec: ViewSpec | undefined): boolean {
  return !spec || (!spec.filter?.trim() && !spec.sort?.length && !spec.columns);
}

/** "chr ↑, pos ↓" for the toolbar. */
export function describeSort(sort: readonly SortKey[]): string {
  return sort.map((k) => `${k.column} ${k.descending ? '↓' : '↑'}`).join(', ');
}
