// Row selection over global row numbers as sorted, disjoint ranges, so selecting millions of rows costs a few numbers.

/** Global rows [first, first + count). */
export interface RowRange {
  readonly first: number;
  readonly count: number;
}

/** Sorted, non-overlapping, non-adjacent ranges. */
export type RowSelection = readonly RowRange[];

export const EMPTY_SELECTION: RowSelection = [];

function normalise(ranges: RowRange[]): RowSelection {
  const sorted = ranges.filter((r) => r.count > 0).sort((a, b) => a.first - b.first);
  const out: RowRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.first <= last.first + last.count) {
      const end = Math.max(last.first + last.count, r.first + r.count);
      out[out.length - 1] = { first: last.first, count: end - last.first };
    } else out.push(r);
  }
  return out;
}

export function isSelected(sel: RowSelection, row: number): boolean {
  return sel.some((r) => row >= r.first && row < r.first + r.count);
}

export function selectedCount(sel: RowSelection): number {
  return sel.reduce((n, r) => n + r.count, 0);
}

/** Adds rows [a..b] (either order, inclusive) to the selection. */
export function selectSpan(sel: RowSelection, a: number, b: number): RowSelection {
  const first = Math.min(a, b);
  return normalise([...sel, { first, count: Math.max(a, b) - first + 1 }]);
}

/** Flips one row in or out. */
export function toggleRow(sel: RowSelection, row: number): RowSelection {
  if (!isSelected(sel, row)) return selectSpan(sel, row, row);
  const out: RowRange[] = [];
  for (const r of sel) {
    if (row < r.first || row >= r.first + r.count) out.push(r);
    else {
      out.push({ first: r.first, count: row - r.first });
      out.push({ first: row + 1, count: r.first + r.count - row - 1 });
    }
  }
  return normalise(out);
}

/** The first `limit` selected rows, as ranges (what a copy reads). */
export function takeRows(sel: RowSelection, limit: number): RowRange[] {
  const out: RowRange[] = [];
  let left = limit;
  for (const r of sel) {
    if (left <= 0) break;
    const count = Math.min(r.count, left);
    out.push({ first: r.first, count });
    left -= count;
  }
  return out;
}
