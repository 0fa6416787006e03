// Field classification and number parsing, compared with Python's float().
import { describe, expect, it } from 'vitest';
import { BIG_INT, FALSE, FLOAT, FieldScanner, INT, MISSING, TEXT, TRUE } from './field-scan.js';
import { pythonFloatBits } from './test-support/numpy-oracle.js';

const enc = new TextEncoder();
function scan(text: string): { cls: number; value: number } {
  const sc = new FieldScanner();
  const b = enc.encode(text);
  const cls = sc.classify(b, 0, b.length);
  return { cls, value: sc.value };
}

describe('FieldScanner', () => {
  it('classifies fields', () => {
    expect(scan('12').cls).toBe(INT);
    expect(scan(' -12 ').cls).toBe(INT);
    expect(scan('1234567890123456').cls).toBe(BIG_INT);
    expect(scan('66.67').cls).toBe(FLOAT);
    expect(scan('1e5').cls).toBe(FLOAT);
    for (const m of ['', '  ', 'NA', 'N/A', 'NULL', 'NaN', 'nan']) expect(scan(m).cls, m).toBe(MISSING);
    for (const t of ['True', 'true', 'TRUE']) expect(scan(t).cls).toBe(TRUE);
    for (const f of ['False', 'false', 'FALSE']) expect(scan(f).cls).toBe(FALSE);
    for (const t of ['chr1', '1e', '1.2.3', '--1', '+', '-', '.', 'e5', '0x10', '1_000', '6,718', 'NONE', '.', '***', 'infinit']) {
      expect(scan(t).cls, t).toBe(TEXT);
    }
  });

  it('gives the same float64 bits as Python float()', () => {
    const texts = [
      '66.67', '-0', '-0.0', '0', '1e-5', '2.5E+3', '0.1000000000000000055511151231257827', '3.141592653589793238462643383279',
      '1.7976931348623157e308', '1e309', '-1e-400', '5e-324', '2.2250738585072011e-308', '9007199254740993', '123456789012345678901234567890',
      '.5', '5.', '-.19', '+1.5', '0.30000000000000004', '1.00000000000000011102230246251565404236316680908203125',
      '7.2057594037927933e16', '1e22', '1e23', '123456789e-22', '4.5e15', '0.000000000000000000000000001234',
      'inf', '-inf', 'Infinity', '-Infinity', 'INF', '1.0000000000000000000000000000000000000001E+27',
      '2147483647', '-2147483648', '9223372036854775807',
    ];
    const vals = texts.map((t) => {
      const r = scan(t);
      expect([INT, BIG_INT, FLOAT], t).toContain(r.cls);
      return r.value;
    });
    const ours = Buffer.from(new Float64Array(vals).buffer).toString('base64');
    expect(ours).toBe(pythonFloatBits(texts));
  });

  it('matches Python on random decimals near the fast-path limits', () => {
    let seed = 12345;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const texts: string[] = [];
    for (let k = 0; k < 3000; k++) {
      const digits = 1 + Math.floor(rnd() * 19);
      let m = '';
      for (let d = 0; d < digits; d++) m += Math.floor(rnd() * 10);
      const point = Math.floor(rnd() * (digits + 1));
      const e = Math.floor(rnd() * 60) - 30;
      texts.push(`${rnd() < 0.5 ? '-' : ''}${m.slice(0, point)}.${m.slice(point)}${rnd() < 0.5 ? `e${e}` : ''}`);
    }
    const vals = texts.map((t) => scan(t).value);
    expect(Buffer.from(new Float64Array(vals).buffer).toString('base64')).toBe(pythonFloatBits(texts));
  });
});
