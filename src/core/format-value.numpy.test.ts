// Display formatting (src/shared/format-value.ts) agrees with how NumPy prints the same float32/float64 values; it lives in core because asking NumPy needs Node.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatFloat32, formatFloat64 } from '../shared/format-value.js';

const samples = [66.67, 0.1, 1e-5, 2.5e3, 3.4028234663852886e38, 1.17549435e-38, 123456789, 0.3333333333, -1.5, 100, 12.5, 1e21, 7.006492321624085e-46];

describe('float formatting', () => {
  it('prints float32 as numpy str() does', () => {
    const ours = samples.map((v) => formatFloat32(Math.fround(v)));
    const script = `import json,sys,numpy as np\nprint(json.dumps([str(np.float32(x)) for x in json.loads(sys.argv[1])]))`;
    const theirs = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, JSON.stringify(samples)]).toString()) as string[];
    // NumPy styles exponents differently (1e-05); the same decimal value means the same shortest digits.
    ours.forEach((s, i) => expect(Number(s)).toBe(Number(theirs[i])));
  });

  it('prints float64 with shortest round-trip digits and special values', () => {
    expect(formatFloat64(0.1)).toBe('0.1');
    expect(formatFloat64(-0)).toBe('-0.0');
    expect(formatFloat64(NaN)).toBe('nan');
    expect(formatFloat64(-Infinity)).toBe('-inf');
    expect(Number(formatFloat64(0.1 + 0.2))).toBe(0.1 + 0.2);
  });
});

describe('integral floats', () => {
  it('keep a trailing .0 as NumPy prints them', () => {
    expect(formatFloat64(25)).toBe('25.0');
    expect(formatFloat32(100)).toBe('100.0');
    expect(formatFloat64(1e21)).toBe('1e+21');
  });
});
