// The dimension mapper's rules: defaults, swapping displayed dims, clamped indices.
import { describe, expect, it } from 'vitest';
import { chooseDim, initialMapping, setIndex } from './slice-state.js';

describe('dimension mapping', () => {
  it('shows the last two dims and puts the others at 0', () => {
    expect(initialMapping([4, 5, 6])).toEqual({ rowDim: 1, colDim: 2, indices: [0, 0, 0] });
    expect(initialMapping([7])).toEqual({ rowDim: 0, indices: [0] });
  });
  it('swaps when a displayed dim is chosen for the other axis, and clamps indices', () => {
    const m = initialMapping([4, 5, 6]);
    expect(chooseDim(m, 'row', 2)).toMatchObject({ rowDim: 2, colDim: 1 });
    expect(chooseDim(m, 'row', 0)).toMatchObject({ rowDim: 0, colDim: 2 });
    expect(setIndex(m, [4, 5, 6], 0, 99).indices).toEqual([3, 0, 0]);
  });
});
