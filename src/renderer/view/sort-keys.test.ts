// Header clicks cycle a column's sort; Shift+click builds and cycles further keys; specs are tidied before they are compared.
import { describe, expect, it } from 'vitest';
import { describeSort, isWholeTable, nextSort, sortOf, tidySpec } from './sort-keys.js';

describe('sort-keys', () => {
  it('cycles one column on a plain click and drops the others', () => {
    expect(nextSort([], 'pos', false)).toEqual([{ column: 'pos' }]);
    expect(nextSort([{ column: 'pos' }], 'pos', false)).toEqual([{ column: 'pos', descending: true }]);
    expect(nextSort([{ column: 'pos', descending: true }], 'pos', false)).toEqual([]);
    expect(nextSort([{ column: 'chr' }, { column: 'pos' }], 'pos', false)).toEqual([{ column: 'pos', descending: true }]);
    expect(nextSort([{ column: 'chr' }, { column: 'pos' }], 'c', false)).toEqual([{ column: 'c' }]);
  });
  it('adds, flips and removes further keys on Shift+click, keeping their order', () => {
    let s = nextSort([{ column: 'chr' }], 'pos', true);
    expect(s).toEqual([{ column: 'chr' }, { column: 'pos' }]);
    s = nextSort(s, 'pos', true);
    expect(s).toEqual([{ column: 'chr' }, { column: 'pos', descending: true }]);
    expect(sortOf(s, 'pos')).toEqual({ descending: true, order: 2 });
    expect(sortOf(s, 'c')).toBeNull();
    expect(describeSort(s)).toBe('chr ↑, pos ↓');
    s = nextSort(s, 'chr', true);
    expect(s).toEqual([{ column: 'chr', descending: true }, { column: 'pos', descending: true }]);
    expect(nextSort(s, 'chr', true)).toEqual([{ column: 'pos', descending: true }]);
  });
  it('tidies specs', () => {
    expect(tidySpec({ filter: '  ', sort: [], columns: undefined })).toEqual({});
    expect(tidySpec({ filter: ' c > 1 ', sort: [{ column: 'a', descending: false }] })).toEqual({ filter: 'c > 1', sort: [{ column: 'a' }] });
    expect(isWholeTable({})).toBe(true);
    expect(isWholeTable({ columns: ['a'] })).toBe(false);
  });
});
