// Array chunking and blocks: every element written exactly once, chunks HDF5 accepts, blocks bounded; dtypes refused with their name.
import { describe, expect, it } from 'vitest';
import { arrayBlocks, arrayElementType, arrayLayout } from './h5-array-plan.js';

function coverage(shape: number[], itemSize: number, blockBytes: number): { counts: Uint8Array; maxBlock: number; blocks: number } {
  const layout = arrayLayout(shape, itemSize, blockBytes);
  const total = shape.reduce((a, b) => a * b, 1);
  const counts = new Uint8Array(total);
  let maxBlock = 0;
  let blocks = 0;
  for (const slab of arrayBlocks(shape, layout)) {
    blocks++;
    const n = slab.count.reduce((a, b) => a * b, 1);
    maxBlock = Math.max(maxBlock, n);
    const idx = new Array<number>(shape.length).fill(0);
    for (let e = 0; e < n; e++) {
      let rem = e;
      for (let k = shape.length - 1; k >= 0; k--) {
        idx[k] = slab.start[k]! + (rem % slab.count[k]!);
        rem = Math.floor(rem / slab.count[k]!);
      }
      let flat = 0;
      for (let k = 0; k < shape.length; k++) flat = flat * shape[k]! + idx[k]!;
      counts[flat]!++;
    }
  }
  expect(maxBlock).toBeLessThanOrEqual(layout.blockElements);
  return { counts, maxBlock, blocks };
}

describe('arrayLayout and arrayBlocks', () => {
  it.each([
    [[2, 3, 400_000], 4, 4 << 20],
    [[3, 1000, 130], 8, 1],
    [[5, 7, 300], 8, 4 << 20],
    [[2, 3, 4, 5, 6, 7, 2, 2], 2, 64],
    [[1_100_000], 2, 1 << 20],
    [[7], 16, 4 << 20],
  ])('covers %j (item %i bytes, blocks of %i bytes) exactly once', (shape, itemSize, blockBytes) => {
    const { counts } = coverage(shape, itemSize, blockBytes);
    expect(counts.every((c) => c === 1)).toBe(true);
  });

  it('splits the first dimension that does not fit a ~2 MiB chunk and keeps the rest whole', () => {
    expect(arrayLayout([2, 3, 400_000], 4, 4 << 20)).toMatchObject({ chunk: [1, 1, 400_000], split: 1 });
    expect(arrayLayout([100, 100, 100], 4, 4 << 20)).toMatchObject({ chunk: [52, 100, 100], split: 0, blockLength: 100 });
    expect(arrayLayout([4, 5], 8, 4 << 20)).toMatchObject({ chunk: [4, 5], split: -1 });
  });

  it('gives chunks of at least 1 for empty dimensions and writes no block', () => {
    const layout = arrayLayout([0, 3, 0], 8, 4 << 20);
    expect(layout.chunk.every((c) => c >= 1)).toBe(true);
    expect([...arrayBlocks([0, 3, 0], layout)]).toEqual([]);
  });

  it('maps complex to the {r, i} compound h5py reads as complex and refuses float16 and unicode by name', () => {
    const c = arrayElementType('<c16');
    expect(c.itemSize).toBe(16);
    expect((c.meta as unknown as { compound_type: { members: { name: string; offset: number }[] } }).compound_type.members.map((m) => [m.name, m.offset])).toEqual([['r', 0], ['i', 8]]);
    expect(arrayElementType('|b1')).toMatchObject({ bool: true, h5py: '|u1', numpy: '|b1' });
    expect(() => arrayElementType('<f2')).toThrow(/dtype <f2: float16 cannot be written/);
    expect(() => arrayElementType('<U3')).toThrow(/dtype <U3: NumPy unicode strings/);
  });
});
