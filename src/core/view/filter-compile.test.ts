// compileFilter: the columns it reports, its one-line errors and their positions, and the literal and scalar rules NumPy/Python set.
import { describe, expect, it } from 'vitest';
import { numpy } from '../store/numpy-oracle.js';
import { power, remainder } from './filter-arith.js';
import { compileFilter, FilterError } from './filter-compile.js';
import { roundToFloat16 } from './filter-float16.js';
import { tokenize } from './filter-lex.js';
import { seeded } from './filter-dataset.testing.js';

const COLUMNS = [
  { name: 'chr', dtype: '|S5' }, { name: 'pos', dtype: '<i8' }, { name: 'pct', dtype: '<f4' }, { name: 'c', dtype: '<i4' },
  { name: 't', dtype: '<i4' }, { name: 'flag', dtype: '|b1' }, { name: 'z', dtype: '<c8' }, { name: 'my col', dtype: '<f8' },
  { name: 'u', dtype: '<U4' },
];

function error(expression: string): { message: string; position: number } {
  try {
    compileFilter(expression, COLUMNS);
  } catch (e) {
    if (!(e instanceof FilterError)) throw e;
    return { message: e.message, position: e.position };
  }
  throw new Error(`'${expression}' compiled`);
}

describe('compileFilter', () => {
  it('reports the columns a filter names, once each, in order of first use', () => {
    expect(compileFilter('pct > 50 and chr == "chr1" or pct < 1', COLUMNS)).toEqual({ expression: 'pct > 50 and chr == "chr1" or pct < 1', columns: ['pct', 'chr'] });
    expect(compileFilter('`my col` + c > t', COLUMNS).columns).toEqual(['my col', 'c', 't']);
    expect(compileFilter('false and c > 1', COLUMNS).columns).toEqual(['c']);
    expect(compileFilter('1 < 2', COLUMNS).columns).toEqual([]);
  });

  it('accepts the whole language', () => {
    for (const e of [
      'pct > 50 and chr == "chr1"', 'c + t >= 10', 'isnan(pct)', 'flag and pct > 1', 'not flag', '~flag | flag & flag',
      'c in (1, 2, 3)', 'c not in [1]', 'chr in ("a",)', 'c in ()', '0 < pct <= 1 < t', '-c ** 2 < 3 % 2', '2 ** -1 > c / 0',
      'abs(pct) > inf', 'isfinite(`my col`)', 'pct != nan', 'True', 'flag == True', '1e5 > .5e-3', 'pos == -9223372036854775808',
      "chr == 'a\\'b\\x00'", 'u == "中"', 'u < u', 'chr >= chr', '(((c)) > ((t)))', 'c+t>=10', ' \t c\n> 1 ',
    ]) expect(() => compileFilter(e, COLUMNS), e).not.toThrow();
  });

  it.each([
    ['pc > 1', "unknown column 'pc' at column 1 (columns: chr, pos, pct, c, t, flag, z, `my col`, u)", 1],
    ['pct > 5 and', "expected a value after 'and' at column 12", 12],
    ['pct > 5 and ) ', "expected a value after 'and' at column 13", 13],
    ['chr > 5', "cannot compare string column 'chr' with a number at column 5", 5],
    ['5 == chr', "cannot compare a number with string column 'chr' at column 3", 3],
    ['chr == "chr1', 'unterminated string at column 8', 8],
    ["c == 'a\\", 'unterminated string at column 6', 6],
    ['`my col > 1', 'unterminated `name` at column 1', 1],
    ['', 'the filter is empty at column 1', 1],
    ['   ', 'the filter is empty at column 1', 1],
    ['pct', "the filter must be a condition, not number column 'pct' at column 1", 1],
    ['c + 1', 'the filter must be a condition, not a number at column 1', 1],
    ['"a"', 'the filter must be a condition, not a string at column 1', 1],
    ['(pct > 1', "unclosed '(' at column 1", 1],
    ['pct > 1)', "unmatched ')' at column 8", 8],
    ['pct > 1 chr', "unexpected 'chr' at column 9 (missing 'and' or 'or'?)", 9],
    ['pct > 1 >', "expected a value after '>' at column 10", 10],
    ['foo(c) > 1', "unknown function 'foo' at column 1 (functions: abs, isfinite, isnan)", 1],
    ['abs() > 1', 'abs() takes one value, not 0 at column 1', 1],
    ['abs(c, t) > 1', 'abs() takes one value, not 2 at column 1', 1],
    ['isnan(chr)', "isnan() needs a number, not string column 'chr' at column 7", 7],
    ['c = 1', "use '==' to compare at column 3", 3],
    ['c > 1 && t', "expected a value after '&' at column 8", 8],
    ['c ! 1', "unexpected character '!' at column 3", 3],
    ['c > 1.2.3', "invalid number '1.2.3' at column 5", 5],
    ['c > 1e', "invalid number '1e' at column 5", 5],
    ['c > 12abc', "invalid number '12abc' at column 5", 5],
    ['chr + 1 > 2', "cannot do arithmetic on string column 'chr' at column 1", 1],
    ['-chr > 2', "cannot use string column 'chr' in arithmetic at column 2", 2],
    ['pct and flag', "'and' needs a condition, not number column 'pct' at column 1", 1],
    ['flag | c', "'|' needs a condition, not number column 'c' at column 8", 8],
    ['not c', "'not' needs a condition, not number column 'c' at column 5", 5],
    ['c in t', "expected a list like (1, 2) after 'in' at column 6", 6],
    ['c in (1 2)', "unexpected '2' at column 9 (expected ',' or ')')", 9],
    ['c in (1, 2', "unclosed '(' at column 6", 6],
    ['c in (1) < 2', "unexpected '<' at column 10", 10],
    ['chr in (1, "a")', "cannot compare string column 'chr' with a number at column 9", 9],
    ['z > 1', "column 'z' holds complex numbers, which filters cannot compare at column 1", 1],
    ['chr == u', "cannot compare string column 'chr' (bytes) with string column 'u' (unicode) at column 5", 5],
    ['c > "\\x4"', "'\\x' needs 2 hex digits at column 6", 6],
    ['and > 1', 'expected a value at column 1', 1],
    ['c > 1 and or', "expected a value after 'and' at column 11", 11],
    ['()', "expected a value after '(' at column 2", 2],
    ['c > 1 # x', "unexpected character '#' at column 7", 7],
    ['c\u0007 > 1', "unexpected character '\\u0007' at column 2", 2],
    ['`a\nb` > 1', "unknown column 'a\\u000ab' at column 1 (columns: chr, pos, pct, c, t, flag, z, `my col`, u)", 1],
    ['(('.repeat(60) + 'c > 1', 'expression nests too deeply at column 101 (more than 100 levels)', 101],
  ])('%j fails with %j', (expression, message, position) => {
    expect(error(expression)).toEqual({ message, position });
  });

  it('cuts a long list of columns short', () => {
    const many = Array.from({ length: 500 }, (_, k) => ({ name: `column_${k}`, dtype: '<f8' }));
    let message = '';
    try {
      compileFilter('nope > 1', many);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^unknown column 'nope' at column 1 \(columns: column_0, column_1, .*, … \d+ more\)$/);
    expect(message.length).toBeLessThan(260);
  });
});

describe('literals and scalar arithmetic, against Python and NumPy', () => {
  it('string literals unescape as Python does', () => {
    const sources = ["'plain'", '"d\\"q"', "'s\\'q'", "'\\\\'", "'\\n\\t\\r\\0\\a\\b\\f\\v'", "'\\x41\\x7f'", "'\\u00e9\\u4e2d'", "'\\U0001F600'", "'\\q\\d'", "'é中😀'", "'tail\\x00\\x00'", "''"];
    const ours = sources.map((s) => {
      const t = tokenize(s)[0]!;
      if (t.kind !== 'str') throw new Error(s);
      return Array.from(t.lit.codePoints);
    });
    const python = numpy<number[][]>(
      "import warnings\nwarnings.simplefilter('ignore')\nprint(json.dumps([[ord(ch) for ch in eval(s).rstrip('\\0')] for s in ARGS]))",
      sources,
    );
    expect(ours).toEqual(python);
  });

  it('a \\x escape is one byte for bytes columns, other characters are UTF-8', () => {
    const t = tokenize("'\\xe9é'")[0]!;
    expect(t.kind === 'str' && Array.from(t.lit.bytes)).toEqual([0xe9, 0xc3, 0xa9]);
  });

  it('numbers parse as Python parses them', () => {
    const sources = ['0', '007', '1.5', '.5', '5.', '1e5', '2.5E-3', '1e400', '123456789012345678901234567890', '4.9e-324', '0.1'];
    const ours = sources.map((s) => {
      const t = tokenize(s)[0]!;
      if (t.kind !== 'num') throw new Error(s);
      return [String(t.value), t.int === null ? null : String(t.int)];
    });
    const python = numpy<[string, string | null][]>(
      "out = []\nfor s in ARGS:\n    v = float(s)\n    out.append([('Infinity' if v == float('inf') else repr(v)), (str(int(s)) if s.isdigit() else None)])\nprint(json.dumps(out))",
      sources,
    );
    expect(ours.map(([v, i]) => [String(Number(v)), i])).toEqual(python.map(([v, i]) => [String(Number(v)), i]));
  });

  it('remainder and power match np.remainder and np.power on special values', () => {
    const v = [-Infinity, -1e308, -3, -2.5, -1, -0.5, -0, 0, 5e-324, 0.5, 1, 2, 2.5, 3, 1e308, Infinity, NaN];
    const pairs = v.flatMap((a) => v.map((b) => [a, b] as const));
    const enc = (x: number) => (Number.isNaN(x) ? 'nan' : Object.is(x, -0) ? '-0' : String(x));
    const python = numpy<[string[], string[]]>(
      "a = np.array([float(p[0]) for p in ARGS]); b = np.array([float(p[1]) for p in ARGS])\n" +
        "enc = lambda x: 'nan' if np.isnan(x) else ('-0' if x == 0 and np.signbit(x) else ('Infinity' if x == np.inf else ('-Infinity' if x == -np.inf else repr(float(x)))))\n" +
        "with np.errstate(all='ignore'):\n    r = np.remainder(a, b); p = np.power(a, b)\n" +
        'print(json.dumps([[enc(x) for x in r], [enc(x) for x in p]]))',
      pairs.map(([a, b]) => [enc(a).replace('Infinity', 'inf'), enc(b).replace('Infinity', 'inf')]),
    );
    const norm = (s: string) => (s === 'nan' || s === '-0' ? s : String(Number(s)));
    expect(pairs.map(([a, b]) => enc(remainder(a, b)))).toEqual(python[0].map(norm));
    // np.power's last bits depend on the CPU and build (here NumPy's SIMD pow); ours must be exact wherever C's pow is
    // (special values, integral results) and otherwise within two ulps.
    const theirs = python[1].map(norm);
    pairs.forEach(([a, b], k) => {
      const mine = power(a, b);
      const want = theirs[k]!;
      const w = want === 'nan' ? NaN : want === '-0' ? -0 : Number(want);
      if (!Number.isFinite(w) || w === 0 || Number.isInteger(w) || Number.isNaN(mine)) expect(enc(mine), `${a} ** ${b}`).toBe(want);
      else expect(Math.abs(mine - w), `${a} ** ${b}`).toBeLessThanOrEqual(2 * Math.abs(w) * Number.EPSILON);
    });
  });

  it('rounds to float16 as NumPy casts float64 to float16', () => {
    const r = seeded(7);
    const values: number[] = [0, -0, 65504, 65519.99, 65520, -65520, 2 ** -24, 2 ** -25, 3 * 2 ** -26, 2 ** -14, 1 + 2 ** -11, 1 + 3 * 2 ** -11, 2049, 2051, NaN, Infinity];
    for (let k = 0; k < 3000; k++) values.push((r() - 0.5) * 2 ** Math.floor(r() * 44 - 28));
    // Exact midpoints between neighbouring float16 values, where ties go to even.
    for (let k = 0; k < 500; k++) values.push((Math.floor(r() * 2048) + 0.5) * 2 ** Math.floor(r() * 30 - 24));
    const python = numpy<(number | null)[]>('v = np.array(ARGS, dtype=np.float64).astype(np.float16).astype(np.float64)\nprint(json.dumps([None if not np.isfinite(x) else float(x) for x in v]))', values.map((x) => (Number.isFinite(x) ? x : 0)));
    const ours = values.map((x) => (Number.isFinite(x) ? roundToFloat16(x) : 0)).map((x) => (Number.isFinite(x) ? x : null));
    expect(ours.map((x) => (x === 0 ? 0 : x))).toEqual(python.map((x) => (x === 0 ? 0 : x)));
  });
});
