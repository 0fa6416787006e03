// Histogram bars scale to the tallest bin (linearly or by log(1 + n)), the pointer finds its bin, and bin ranges read like np.histogram's.
import { describe, expect, it } from 'vitest';
import { barHeights, binAt, binRange } from './histogram-scale.js';
import { formatStat } from './stat-format.js';

describe('histogram-scale', () => {
  it('scales bars linearly or by log(1 + n)', () => {
    expect(barHeights([0, 50, 100, 1], 80, false)).toEqual([0, 40, 80, 1]);
    const log = barHeights([0, 9, 99], 80, true);
    expect(log[0]).toBe(0);
    expect(log[2]).toBe(80);
    expect(log[1]).toBeCloseTo((80 * Math.log(10)) / Math.log(100), 9);
    expect(barHeights([0, 0], 80, true)).toEqual([0, 0]);
  });
  it('finds the bin under the pointer', () => {
    expect(binAt(0, 300, 50)).toBe(0);
    expect(binAt(5.99, 300, 50)).toBe(0);
    expect(binAt(6, 300, 50)).toBe(1);
    expect(binAt(300, 300, 50)).toBe(49);
    expect(binAt(-3, 300, 50)).toBe(0);
  });
  it('writes bin ranges with a closed last bin', () => {
    const edges = [0, 2.5, 5, 7.5, 10];
    expect(binRange(edges, 0)).toBe('[0, 2.5)');
    expect(binRange(edges, 3)).toBe('[7.5, 10]');
  });
  it('writes statistics to six significant digits', () => {
    expect(formatStat(48.123456)).toBe('48.1235');
    expect(formatStat(1234567.8)).toBe('1,234,570');
    expect(formatStat(2.5e-7)).toBe('2.5e-7');
    expect(formatStat(NaN)).toBe('nan');
  });
});
