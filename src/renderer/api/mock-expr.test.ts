// The mock's filter expressions agree with the same conditions written in JavaScript, and bad ones fail with one line naming the column.
import { describe, expect, it } from 'vitest';
import { compileFilter } from './mock-expr.js';
import type { ExprColumn } from './mock-expr.js';

const chr = ['chr1', 'chr2', 'chr1', 'chrX', 'chr1', 'chr10'];
const pct = [12.5, NaN, 60, 75.25, 50, NaN];
const c = [1, 2, 3, 4, 5, 6];
const t = [9, 8, 7, 6, 5, 4];
const columns = new Map<string, ExprColumn>([
  ['chr', { kind: 'string', values: chr }],
  ['pct', { kind: 'number', values: pct }],
  ['c', { kind: 'number', values: c }],
  ['t', { kind: 'number', values: t }],
]);
const rows = (text: string) => {
  const keep = compileFilter(text, columns);
  return chr.map((_, i) => i).filter((i) => keep(i));
};
const truth = (f: (i: number) => boolean) => chr.map((_, i) => i).filter(f);

describe('mock filter expressions', () => {
  it('keep the rows the same JavaScript condition keeps', () => {
    expect(rows('pct > 50 and chr == "chr1"')).toEqual(truth((i) => pct[i]! > 50 && chr[i] === 'chr1'));
    expect(rows("c + t >= 10 or isnan(pct)")).toEqual(truth((i) => c[i]! + t[i]! >= 10 || Number.isNaN(pct[i]!)));
    expect(rows('not (c % 2 == 0) && -t < -5')).toEqual(truth((i) => !(c[i]! % 2 === 0) && -t[i]! < -5));
    expect(rows('pct != pct')).toEqual(truth((i) => Number.isNaN(pct[i]!)));
    expect(rows("chr >= 'chr10' and abs(c - 4) <= 1.5e0")).toEqual(truth((i) => chr[i]! >= 'chr10' && Math.abs(c[i]! - 4) <= 1.5));
  });
  it('explain a bad expression in one line with its column', () => {
    expect(() => rows('pc > 5')).toThrow("unknown column 'pc' at column 1 (columns: chr, pct, c, t)");
    expect(() => rows('pct > 5 and')).toThrow('unexpected end of expression at column 12');
    expect(() => rows('chr > 5')).toThrow('cannot compare a string with a number at column 5');
    expect(() => rows('c + t')).toThrow(/must be a condition/);
    expect(() => rows('(c > 1')).toThrow("expected ')' but found end of expression at column 7");
    expect(() => rows('c > 1 $')).toThrow("unexpected '$' at column 7");
    expect(() => rows('foo(c)')).toThrow("unknown function 'foo' at column 1 (functions: isnan, abs)");
  });
});
