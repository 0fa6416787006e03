// The string dictionary gives one code per distinct value, the empty value included, whatever the order values come in.
import { describe, expect, it } from 'vitest';
import { ByteDictionary } from './byte-dictionary.js';

describe('ByteDictionary', () => {
  it('codes every distinct value once, empty strings and values past a rehash included', () => {
    const d = new ByteDictionary(100_000);
    const values = ['', 'chr1', '', 'chr2', '', 'chr1', ...Array.from({ length: 3000 }, (_, i) => `v${i % 1500}`), ''];
    const bytes = new TextEncoder().encode(values.join(''));
    const codes: number[] = [];
    let at = 0;
    for (const v of values) {
      codes.push(d.code(bytes, at, at + v.length));
      at += v.length;
    }
    const distinct = [...new Set(values)];
    expect(d.size).toBe(distinct.length);
    // Same value ⇔ same code, checked against the values themselves.
    for (let i = 0; i < values.length; i++) expect(codes[i]).toBe(codes[values.indexOf(values[i]!)]);
    expect(new Set(codes).size).toBe(distinct.length);
  });
});
