// Unit formatting as the memory panel and progress bars show it.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration, percentOf } from './format-units.js';

describe('format-units', () => {
  it('formats bytes with binary multiples', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.50 KB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
    expect(formatBytes(2.1 * 1024 ** 3)).toBe('2.10 GB');
    expect(formatBytes(-1)).toBe('–');
  });
  it('formats durations', () => {
    expect(formatDuration(3.25)).toBe('3.3 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(7500)).toBe('2 h 5 min');
  });
  it('groups counts', () => {
    expect(formatCount(99999999)).toBe('99,999,999');
    expect(percentOf(5, 0)).toBe(0);
    expect(percentOf(1, 4)).toBe(25);
  });
});
