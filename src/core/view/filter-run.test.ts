// runFilter against NumPy: every column kind, NaN/±inf/-0.0/int64 extremes, block edges, progress, cancellation, reads.
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../load-error.js';
import { useTempStore } from '../store/test-support/temp-store.js';
import { openDatasetReader, type DatasetReader } from '../store/dataset-reader.js';
import { readManifest } from '../store/manifest-file.js';
import { compileFilter } from './filter-compile.js';
import { numpyRows, writeKindTable } from './filter-dataset.testing.js';
import { runFilter } from './filter-run.js';

const PREFIX = 'arrayporttest-filterrun';
const ROWS = 30_000;
const { readers, writer } = useTempStore(PREFIX);
let dir = '';
let reader: DatasetReader;

beforeAll(() => {
  const w = writer('f', { dictionaryLimit: 10_000 });
  writeKindTable(w, ROWS);
  dir = w.dir;
  reader = openDatasetReader(dir);
  readers.push(reader);
});

/** [our filter, the same question asked of NumPy]; NumPy casts to float64 where our arithmetic is float64 and its is not. */
const CASES: readonly (readonly [string, string])[] = [
  ['pct > 50 and chr == "chr1"', "(pct > 50) & (chr == b'chr1')"],
  ['x > 0.5', 'x > 0.5'],
  ['pct == 0.1', 'pct == 0.1'],
  ['pct >= 50.1', 'pct >= 50.1'],
  ['pct > 16777217', 'pct > 16777217'],
  // NumPy 2 casts a Python number to the float32 of the array it meets (NEP 50); NumPy 1.24 sometimes went to float64.
  ['pct >= 16777217', 'pct >= np.float32(16777217)'],
  ['pct != pct', 'pct != pct'],
  ['x == -0.0', 'x == -0.0'],
  ['x == inf or x == -inf', '(x == np.inf) | (x == -np.inf)'],
  ['x > nan', 'x > np.nan'],
  ['x != nan', 'x != np.nan'],
  ['x > pct', 'x > pct'],
  ['pct == x', 'pct == x'],
  ['pos == 9223372036854775807', 'pos == 9223372036854775807'],
  ['pos < -9223372036854775807', 'pos < -9223372036854775807'],
  ['pos > 9007199254740992', 'pos > 9007199254740992'],
  ['pos == 9007199254740993', 'pos == 9007199254740993'],
  ['-1000 <= pos <= 1000', '(pos >= -1000) & (pos <= 1000)'],
  ['pos > 2**53', 'pos > 2**53'],
  ['pos < 2**63 - 1', 'pos < 2**63 - 1'],
  ['9007199254740993 > pos', '9007199254740993 > pos'],
  ['pos > c', 'pos > c'],
  // NumPy 2 compares uint64 with int64 exactly (1.24, the oracle's, through float64): the truth from Python ints.
  ['big > pos', 'np.array([int(a) > int(b) for a, b in zip(big, pos)])'],
  ['big <= pos', 'np.array([int(a) <= int(b) for a, b in zip(big, pos)])'],
  ['big == 18446744073709551615', 'big == 18446744073709551615'],
  ['big > 9223372036854775808', 'big > 9223372036854775808'],
  ['big > -1', 'big > -1'],
  ['big < 100000000000000000000', 'big < 100000000000000000000'],
  ['pos > 1e18', 'pos > 1e18'],
  ['pos == 2.0 ** 53', 'pos == 2.0 ** 53'],
  ['pos in (9007199254740993, -9223372036854775808, 1000)', 'np.isin(pos, [9007199254740993, -9223372036854775808, 1000])'],
  ['pos + 1 > 9223372036854775807', 'pos.astype(np.float64) + 1 > 9223372036854775807'],
  ['-pos > 0', '-pos.astype(np.float64) > 0'],
  ['c + t >= 10', 'c.astype(np.float64) + t >= 10'],
  ['c * t > 1e9', 'c.astype(np.float64) * t > 1e9'],
  ['c > 2.5', 'c > 2.5'],
  ['x % 3 > 1', 'x % 3 > 1'],
  ['x % -2.5 < -1', 'x % -2.5 < -1'],
  ['c % 7 == 3', 'c.astype(np.float64) % 7 == 3'],
  ['c % -4 == -1', 'c.astype(np.float64) % -4 == -1'],
  ['x % 0 == x % 0', 'x % 0 == x % 0'],
  ['1 % x > 0', '1 % x > 0'],
  ['x / 0 > 0', 'x / 0 > 0'],
  ['1 / x < 0', '1 / x < 0'],
  ['x * 0 == 0', 'x * 0 == 0'],
  ['x - x != 0', 'x - x != 0'],
  ['-x < 0', '-x < 0'],
  ['abs(pct) > 1e3', 'np.abs(pct) > 1e3'],
  ['abs(pct) >= 50.1', 'np.abs(pct) >= 50.1'],
  ['-pct == -0.1', '-pct == -0.1'],
  ['abs(x) == inf', 'np.abs(x) == np.inf'],
  ['isnan(pct) or isfinite(x) and not flag', 'np.isnan(pct) | (np.isfinite(x) & ~flag)'],
  ['isfinite(c)', 'np.isfinite(c)'],
  ['flag', 'flag'],
  ['flag & (x > 0) | ~flag & (c < 0)', '(flag & (x > 0)) | (~flag & (c < 0))'],
  ['flag == true', 'flag == True'],
  ['flag + flag == 2', 'flag.astype(np.float64) + flag == 2'],
  ['(x > 0) + flag == 1', '(x > 0).astype(np.float64) + flag == 1'],
  ['flag and not flag', 'flag & ~flag'],
  ['not (x > 0 or c < 0)', '~((x > 0) | (c < 0))'],
  ['x ** 2 > 100', 'x ** 2 > 100'],
  ['pct ** 2 < 0.25', 'pct.astype(np.float64) ** 2 < 0.25'],
  ['2 ** c > 1000', '2.0 ** c.astype(np.float64) > 1000'],
  ['-x ** 2 < -4', '-(x ** 2) < -4'],
  ['c in (1, 2, 3, -2147483648, 2147483647)', 'np.isin(c, [1, 2, 3, -2147483648, 2147483647])'],
  ['c not in [1, 2]', '~np.isin(c, [1, 2])'],
  ['x in (nan, 0.5, inf)', '(x == 0.5) | (x == np.inf)'],
  ['0 < x < 1', '(0 < x) & (x < 1)'],
  ['q * 2 > 300', 'q.astype(np.float64) * 2 > 300'],
  ['q == 255 or q > 300', '(q == 255) | (q > 300)'],
  ['`y z` > 0 and c > 0', '(y_z > 0) & (c > 0)'],
  ['1 > 0', 'np.ones(N, bool)'],
  ['false', 'np.zeros(N, bool)'],
  ['chr == "chr1"', "chr == b'chr1'"],
  ["chr in ('chr1', \"chrX\")", "np.isin(chr, [b'chr1', b'chrX'])"],
  ['chr not in ("chr1",)', "chr != b'chr1'"],
  ['chr < "chr2"', "chr < b'chr2'"],
  ['chr > "chr1"', "chr > b'chr1'"],
  ['chr >= "chr1\\x00"', "chr >= b'chr1\\x00'"],
  ['chr == ""', "chr == b''"],
  ['chr == "é"', "chr == 'é'.encode()"],
  ['chr != "\\xe9"', "chr != b'\\xe9'"],
  ['"chr2" <= chr', "b'chr2' <= chr"],
  ['name == "ab"', "name == b'ab'"],
  ['name > "c"', "name > b'c'"],
  ['name <= "ab"', "name <= b'ab'"],
  ['name == ""', "name == b''"],
  ['name in ("a", "xyz", "zzzzzz")', "np.isin(name, [b'a', b'xyz', b'zzzzzz'])"],
  ['name >= "abcxy" and name < "abd"', "(name >= b'abcxy') & (name < b'abd')"],
  ['name == chr', 'name == chr'],
  ['name < chr', 'name < chr'],
  ['name >= name', 'name >= name'],
  ['chr == "chr1" and (x > 0.5 or pos < 0) and not isnan(pct)', "(chr == b'chr1') & ((x > 0.5) | (pos < 0)) & ~np.isnan(pct)"],
];

describe('runFilter against NumPy', () => {
  it('stores the test table with a dictionary string column and a plain one', () => {
    const m = readManifest(dir);
    expect(m.rows).toBe(ROWS);
    expect(m.columns.find((c) => c.name === 'chr')!.storage.kind).toBe('dictionary');
    expect(m.columns.find((c) => c.name === 'name')!.storage.kind).toBe('plain');
  });

  it('gives exactly the rows NumPy gives, whatever the block size', () => {
    const want = numpyRows(dir, CASES.map((c) => c[1]));
    const columns = reader.manifest.columns;
    CASES.forEach(([expr], k) => {
      const filter = compileFilter(expr, columns);
      for (const blockRows of [4093, 65536]) {
        const got = runFilter(reader, filter, { blockRows });
        expect(got, `${expr} (blocks of ${blockRows})`).toBeInstanceOf(Uint32Array);
        expect(Array.from(got), `${expr} (blocks of ${blockRows})`).toEqual(want[k]);
      }
    });
    // The table is built so that most questions have some rows and not all rows.
    expect(want.filter((rows) => rows.length > 0 && rows.length < ROWS).length).toBeGreaterThan(CASES.length * 0.8);
  });

  it('agrees at tiny blocks too (1 and 97 rows)', () => {
    const cases = CASES.filter((_, k) => k % 9 === 0);
    const want = numpyRows(dir, cases.map((c) => c[1]));
    cases.forEach(([expr], k) => {
      for (const blockRows of [1, 97]) expect(Array.from(runFilter(reader, compileFilter(expr, reader.manifest.columns), { blockRows })), expr).toEqual(want[k]);
    });
  });
});

const UNICODE = ['ab', 'b', 'é', '', 'abc', '中', 'a', 'ba'];

describe('runFilter on rarer kinds: every float16 bit pattern, unicode strings, int8, uint16', () => {
  const RARE: readonly (readonly [string, string])[] = [
    ['h == 0.1', 'h == 0.1'],
    ['h > 1000.3', 'h > 1000.3'],
    ['h >= 2049', 'h >= np.float16(2049)'],
    ['h == 6e-8', 'h == np.float16(6e-8)'],
    ['h < -65504 or abs(h) == 65504', '(h < -65504) | (np.abs(h) == 65504)'],
    ['-h <= -0.5', '-h <= np.float16(-0.5)'],
    ['isnan(h) or not isfinite(h)', 'np.isnan(h) | ~np.isfinite(h)'],
    ['h * 2 > 100000', 'h.astype(np.float64) * 2 > 100000'],
    ['h > b', 'h > b'],
    ['u == "ab"', "u == 'ab'"],
    ['u < "b"', "u < 'b'"],
    ['u == "\\xe9" or u == ""', "(u == 'é') | (u == '')"],
    ['u < "中"', "u < '中'"],
    ['u >= "é"', "u >= 'é'"],
    ['u == w', 'u == w'],
    ['u < w', 'u < w'],
    ['b < -100 or v > 60000', '(b < -100) | (v > 60000)'],
  ];

  it('gives exactly the rows NumPy gives', () => {
    const n = 65536;
    const w = writer('f');
    w.begin([
      { name: 'h', dtype: '<f2', reason: '' }, { name: 'u', dtype: '<U3', reason: '' }, { name: 'w', dtype: '<U5', reason: '' },
      { name: 'b', dtype: '|i1', reason: '' }, { name: 'v', dtype: '<u2', reason: '' },
    ]);
    const utf32 = (values: readonly string[], width: number) => {
      const out = new Uint32Array(values.length * width);
      values.forEach((s, k) => [...s].forEach((ch, j) => (out[k * width + j] = ch.codePointAt(0)!)));
      return out;
    };
    const u = Array.from({ length: n }, (_, k) => UNICODE[k % UNICODE.length]!);
    const wv = Array.from({ length: n }, (_, k) => UNICODE[(k * 5 + (k >> 3)) % UNICODE.length]!);
    w.append(n, [
      { kind: 'fixed', data: Uint16Array.from({ length: n }, (_, k) => k) },
      { kind: 'fixed', data: utf32(u, 3) },
      { kind: 'fixed', data: utf32(wv, 5) },
      { kind: 'fixed', data: Int8Array.from({ length: n }, (_, k) => (k * 37) % 256 - 128) },
      { kind: 'fixed', data: Uint16Array.from({ length: n }, (_, k) => (k * 7919) % 65536) },
    ]);
    w.finish();
    const r = openDatasetReader(w.dir);
    try {
      const want = numpyRows(w.dir, RARE.map((c) => c[1]));
      RARE.forEach(([expr], k) => {
        expect(want[k]!.length, expr).toBeGreaterThan(0);
        expect(Array.from(runFilter(r, compileFilter(expr, r.manifest.columns), { blockRows: 5000 })), expr).toEqual(want[k]);
      });
    } finally {
      r.close();
    }
  });
});

describe('runFilter mechanics', () => {
  it('reads only the columns the filter names', () => {
    const read = new Set<string>();
    const spy: DatasetReader = {
      dir: reader.dir,
      manifest: reader.manifest,
      rows: reader.rows,
      readColumn: (name, first, count) => (read.add(name), reader.readColumn(name, first, count)),
      readEncoded: (name, first, count) => (read.add(name), reader.readEncoded(name, first, count)),
      update: () => undefined,
      close: () => undefined,
    };
    runFilter(spy, compileFilter('pct > 50 and chr == "chr1"', reader.manifest.columns));
    expect([...read].sort()).toEqual(['chr', 'pct']);
  });

  it('reports progress after every block, ending at 1', () => {
    const fractions: number[] = [];
    runFilter(reader, compileFilter('x > 0', reader.manifest.columns), { blockRows: 4096, onProgress: (f) => fractions.push(f) });
    expect(fractions.length).toBe(Math.ceil(ROWS / 4096));
    expect(fractions.every((f, i) => i === 0 || f > fractions[i - 1]!)).toBe(true);
    expect(fractions[fractions.length - 1]).toBe(1);
  });

  it('throws CancelledError once the signal aborts', () => {
    const ac = new AbortController();
    let blocks = 0;
    const run = () => runFilter(reader, compileFilter('x > 0', reader.manifest.columns), { blockRows: 1000, signal: ac.signal, onProgress: () => ++blocks === 3 && ac.abort() });
    expect(run).toThrow(CancelledError);
    expect(blocks).toBe(3);
  });

  it('filters only the committed rows of a dataset still loading, and an empty one', () => {
    const w = writer('f');
    w.begin([{ name: 'a', dtype: '<i4', reason: '' }]);
    const progress: number[] = [];
    let r = openDatasetReader(w.dir);
    expect(Array.from(runFilter(r, compileFilter('a >= 0', r.manifest.columns), { onProgress: (f) => progress.push(f) }))).toEqual([]);
    expect(progress).toEqual([1]);
    r.close();
    w.append(100, [{ kind: 'fixed', data: Int32Array.from({ length: 100 }, (_, k) => k) }]);
    w.commit();
    w.append(100, [{ kind: 'fixed', data: Int32Array.from({ length: 100 }, (_, k) => 100 + k) }]);
    r = openDatasetReader(w.dir);
    expect(Array.from(runFilter(r, compileFilter('a % 10 == 9', r.manifest.columns)))).toEqual(Array.from({ length: 10 }, (_, k) => 10 * k + 9));
    r.close();
    w.finish();
  });
});
