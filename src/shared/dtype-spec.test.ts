// dtype specs in NumPy's list syntax and the compact form, and their errors.
import { describe, expect, it } from 'vitest';
import { parseDTypeSpec } from './dtype-spec.js';

const short = (s: string): string[] => parseDTypeSpec(s).fields.map((f) => `${f.name ?? '-'}:${f.dtype.descr}`);

describe('parseDTypeSpec', () => {
  it('reads NumPy, compact and positional forms', () => {
    const seed = ['chr:|S10', 'pos:<i4', 'pct:<f4', 'c:<i4', 't:<i4'];
    expect(short("[('chr','S10'),('pos','<i4'),('pct','<f4'),('c','<i4'),('t','<i4')]")).toEqual(seed);
    expect(short('[ ("chr", "S10") , ("pos","<i4"),("pct","<f4"),("c","<i4"),("t","<i4"), ]')).toEqual(seed);
    expect(short('chr:S10, pos:i4,pct:f4,c:i4,t:i4')).toEqual(seed);
    expect(short('S10,i8,f8')).toEqual(['-:|S10', '-:<i8', '-:<f8']);
    expect(parseDTypeSpec('f8').homogeneous).toBe(true);
    expect(parseDTypeSpec('f8,i4').homogeneous).toBe(false);
  });

  it('says clearly what is wrong', () => {
    expect(() => parseDTypeSpec('')).toThrow('dtype spec: is empty');
    expect(() => parseDTypeSpec('a:i3')).toThrow("dtype 'i3' has no 3-byte integer in 'i3' (column 'a')");
    expect(() => parseDTypeSpec('a:i4,a:f8')).toThrow("column name 'a' appears twice");
    expect(() => parseDTypeSpec('a:i4,f8')).toThrow('either every column has a name or none has');
    expect(() => parseDTypeSpec("[('a','i4')")).toThrow("expected ',' or ']' at character 12");
    expect(() => parseDTypeSpec("[('a','i4',(2,))]")).toThrow('sub-array shapes are not supported');
    expect(() => parseDTypeSpec('x:c16')).toThrow('complex types are not supported');
    expect(() => parseDTypeSpec('x:f2')).toThrow('float16 is not supported');
    expect(() => parseDTypeSpec('x:>f8')).toThrow('big-endian');
    expect(() => parseDTypeSpec('a:i4,,b:f8')).toThrow('entry 2 is empty');
  });
});
