// Fixed-seed fuzz of compileFilter: random and mutated expressions give a filter or a FilterError, never anything else.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempStore } from '../store/test-support/temp-store.js';
import { openDatasetReader, type DatasetReader } from '../store/dataset-reader.js';
import { compileFilter, FilterError } from './filter-compile.js';
import { seeded, writeKindTable } from './filter-dataset.testing.js';
import { runFilter } from './filter-run.js';

const PREFIX = 'arrayporttest-filterfuzz';
const { readers, writer } = useTempStore(PREFIX);
let reader: DatasetReader;
beforeAll(() => {
  const w = writer('f', { dictionaryLimit: 10_000 });
  writeKindTable(w, 300, 70);
  reader = openDatasetReader(w.dir);
  readers.push(reader);
});

const PIECES = [
  'c', 't', 'pos', 'q', 'big', 'pct', 'x', 'flag', 'chr', 'name', '`y z`', '`c`', 'nope', '`', '``', '`y', 'constructor', '__proto__', 'toString',
  'and', 'or', 'not', 'in', 'not in', '&', '|', '~', 'true', 'False', 'nan', 'inf', 'NaN', 'isnan', 'isfinite', 'abs', 'sqrt',
  '==', '!=', '<', '<=', '>', '>=', '=', '!', '+', '-', '*', '/', '%', '**', '//', '(', ')', '[', ']', ',', '.', ':',
  '0', '1', '-1', '42', '007', '1.5', '.5', '5.', '1e5', '2.5E-3', '1e', '1e400', '9223372036854775807', '18446744073709551616',
  '9'.repeat(500), '0x1F', '1_000', '"chr1"', "'chr1'", '""', '"é"', '"\\x00"', '"\\xe9"', '"\\u4e2d"', '"\\U0001F600"', '"\\x4"', '"\\',
  '"open', "'", '"', '\\', '😀', '\ud800', '\u0000', '\u0007', '\n', '\t', ' ', '  ', '#', '$', '@', '?', ';', 'é', '中', '٣',
];

const VALID = [
  'pct > 50 and chr == "chr1"', 'c + t >= 10', 'isnan(pct) or isfinite(x) and not flag', 'pos in (1, 2, 9223372036854775807)',
  '0 < x < 1 <= c', 'abs(pct - x) ** 2 % 3 > -c / t', 'name >= chr or name == "ab"', '~flag | (big > pos) & (q != 7)',
  '`y z` * 2 != -0.0', 'chr not in ["chr1", "chrX", "é"]',
];

/** The filter either compiles (and then runs over the small table) or fails with a one-line FilterError pointing inside it. */
function check(expression: string): 'ok' | 'error' {
  let filter;
  try {
    filter = compileFilter(expression, reader.manifest.columns);
  } catch (e) {
    if (!(e instanceof FilterError)) throw new Error(`${JSON.stringify(expression)} threw ${String(e)}`);
    expect(e.message, expression).not.toMatch(/[\n\r]/);
    expect(e.message, expression).toContain(`at column ${e.position}`);
    expect(Number.isInteger(e.position) && e.position >= 1 && e.position <= expression.length + 1, `${expression}: ${e.position}`).toBe(true);
    return 'error';
  }
  const rows = runFilter(reader, filter, { blockRows: 128 });
  for (let i = 0; i < rows.length; i++) if (rows[i]! >= reader.rows || (i > 0 && rows[i]! <= rows[i - 1]!)) throw new Error(`${expression}: bad rows`);
  return 'ok';
}

describe('compileFilter fuzz', () => {
  it('20,000 random token strings and 12,000 mutated filters: a filter or a FilterError', () => {
    const r = seeded(20240611);
    const int = (n: number) => Math.floor(r() * n);
    const counts = { ok: 0, error: 0 };
    let slowest = 0;
    const run = (e: string) => {
      const t = performance.now();
      counts[check(e)]++;
      slowest = Math.max(slowest, performance.now() - t);
    };
    for (let k = 0; k < 20_000; k++) {
      const n = 1 + int(14);
      let e = '';
      for (let j = 0; j < n; j++) e += PIECES[int(PIECES.length)]! + (r() < 0.6 ? ' ' : '');
      run(e);
    }
    for (let k = 0; k < 12_000; k++) {
      let e = VALID[int(VALID.length)]!;
      for (let m = 1 + int(3); m > 0; m--) {
        const at = int(e.length + 1);
        switch (int(5)) {
          case 0: e = e.slice(0, at) + e.slice(at + 1 + int(3)); break;
          case 1: e = e.slice(0, at) + PIECES[int(PIECES.length)]! + e.slice(at); break;
          case 2: e = e.slice(0, at) + String.fromCharCode(int(0x3000)) + e.slice(at + 1); break;
          case 3: e = e.slice(0, at); break;
          default: e = e.slice(0, at) + e.slice(int(e.length)) + e.slice(at);
        }
      }
      run(e);
    }
    // Both outcomes are exercised; the slowest single expression is reported, not asserted (wall time varies).
    expect(counts.ok).toBeGreaterThan(500);
    expect(counts.error).toBeGreaterThan(10_000);
    console.log(`filter fuzz: ${counts.ok} compiled and ran, ${counts.error} FilterErrors; slowest ${slowest.toFixed(1)} ms`);
  });

  it.each([
    ['10,000 (', '('.repeat(10_000)],
    ['10,000 ( around a filter', `${'('.repeat(10_000)}c > 1${')'.repeat(10_000)}`],
    ['10,000 not', `${'not '.repeat(10_000)}flag`],
    ['10,000 ~', `${'~'.repeat(10_000)}flag`],
    ['10,000 unary minus', `${'-'.repeat(10_000)}1 > 0`],
    ['10,000 powers', `${'2 ** '.repeat(10_000)}2 > 1`],
    ['10,000 abs(', `${'abs('.repeat(10_000)}c`],
    ['10,000 nested lists', `c in ${'('.repeat(10_000)}`],
    ['10,000 -(', `${'-('.repeat(10_000)}c`],
  ])('%s: "expression nests too deeply", no stack overflow', (_, expression) => {
    let caught: unknown;
    try {
      compileFilter(expression, reader.manifest.columns);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(FilterError);
    expect((caught as FilterError).message).toMatch(/^expression nests too deeply at column \d+ \(more than 100 levels\)$/);
  });

  it('100 levels of nesting, and long flat chains and lists, compile and run', () => {
    const nested = `${'('.repeat(100)}c > 1${')'.repeat(100)}`;
    expect(check(nested)).toBe('ok');
    expect(() => compileFilter(`(${nested})`, reader.manifest.columns)).toThrow(/nests too deeply/);
    expect(check(`${'c + '.repeat(50_000)}c > 0`)).toBe('ok');
    expect(check(`${'c > 0 or '.repeat(20_000)}c > 0`)).toBe('ok');
    expect(check(`c in (${Array.from({ length: 20_000 }, (_, k) => k).join(', ')})`)).toBe('ok');
    expect(check(`chr == "${'x'.repeat(100_000)}"`)).toBe('ok');
    expect(check(`c > 1${'0'.repeat(100_000)}`)).toBe('ok');
  });
});
