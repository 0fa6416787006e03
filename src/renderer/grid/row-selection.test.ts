// Range-based row selection: spans merge, toggles split, copies take a bounded prefix.
import { describe, expect, it } from 'vitest';
import { isSelected, selectedCount, selectSpan, takeRows, toggleRow, EMPTY_SELECTION } from './row-selection.js';

describe('row-selection', () => {
  it('merges spans and toggles rows', () => {
    let s = selectSpan(EMPTY_SELECTION, 10, 5);
    s = selectSpan(s, 11, 12);
    expect(s).toEqual([{ first: 5, count: 8 }]);
    s = toggleRow(s, 8);
    expect(s).toEqual([{ first: 5, count: 3 }, { first: 9, count: 4 }]);
    expect(isSelected(s, 8)).toBe(false);
    expect(isSelected(s, 12)).toBe(true);
    expect(selectedCount(s)).toBe(7);
    expect(toggleRow(s, 8)).toEqual([{ first: 5, count: 8 }]);
  });
  it('selects a huge span cheaply and copies a bounded prefix', () => {
    const s = selectSpan(selectSpan(EMPTY_SELECTION, 0, 99_999_999), 200_000_000, 200_000_000);
    expect(selectedCount(s)).toBe(100_000_001);
    expect(takeRows(s, 100_000)).toEqual([{ first: 0, count: 100_000 }]);
  });
});
