// The one-pass fast path gives bit for bit what Python and NumPy give, and the same as the general path.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { LoadError } from '../load-error.js';
import { FastRows } from './fast-rows.js';
import { loadTextFile, type TextLoadOptions } from './text-loader.js';
import { MemorySink } from './test-support/memory-sink.js';
import { numpyColumns, pythonFloatBits } from './test-support/numpy-oracle.js';

const dir = mkdtempSync(join(tmpdir(), 'arrayport-fast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());
let n = 0;
function file(content: string): string {
  const p = join(dir, `f${n++}.txt`);
  writeFileSync(p, content);
  return p;
}

/** Loads a file and counts the rows the fast path stored. */
async function load(p: string, options: TextLoadOptions = {}): Promise<{ sink: MemorySink; fast: number }> {
  const spy = vi.spyOn(FastRows.prototype, 'run');
  const sink = new MemorySink();
  await loadTextFile(p, sink, options);
  const fast = spy.mock.results.reduce((s, r) => s + (r.value as number), 0);
  spy.mockRestore();
  return { sink, fast };
}

const FLOATS = [
  '66.67', '-0', '-0.0', '+5', '.5', '5.', '-.5', '1e22', '1e23', '1e-22', '1e-23', '123456789e-22', '99999999999999999e-22',
  '4.5e15', '9007199254740991', '9007199254740992', '9007199254740993', '0.30000000000000004', '1.7976931348623157e308',
  '4.9e-324', '1e309', '-1e-400', '007', '000000000000000000000000001.5', '0.000000000000000000000000001', '12345678901234567890',
  '2.5E+3', '1E5', '-12.5e-3', '1.00000000000000011102230246251565404236316680908203125', '0e0', '1e0100', '1e-00022',
  '2147483647', '-2147483648', '2147483648', '1234567890123456.7', '0.1234567890123456789', '1e+22', '10000000000000000000000',
];

describe('fast path: numbers parsed while tokenizing, bit for bit as Python and NumPy read them', () => {
  for (const [name, delim, eol] of [['tab', '\t', '\n'], ['comma + CRLF', ',', '\r\n'], ['whitespace', '  ', '\n']] as const) {
    it(`float64 edge cases (${name})`, async () => {
      const p = file(FLOATS.map((t, i) => `${i}${delim}${t}`).join(eol) + eol);
      const { sink, fast } = await load(p, { header: false });
      expect(sink.columns.map((c) => c.dtype)).toEqual(['<i4', '<f8']);
      expect(fast).toBeGreaterThan(FLOATS.length - 3);
      expect(Buffer.from(sink.rawBytes(1)).toString('base64')).toBe(pythonFloatBits(FLOATS));
    });
  }

  it('float32 and padded numbers with a spec match NumPy', async () => {
    const texts = FLOATS.filter((t) => !t.includes('e309') && !t.includes('e-400'));
    const p = file(texts.map((t, i) => `  ${i} ,${t} ,${t}`).join('\n') + '\n');
    const { sink, fast } = await load(p, { dtype: 'a:i4,b:f4,c:f8', header: false });
    expect(fast).toBe(texts.length);
    const np = numpyColumns(p, "np.loadtxt(path, dtype=[('a','<i4'),('b','<f4'),('c','<f8')], delimiter=',')");
    for (let c = 0; c < 3; c++) expect(Buffer.from(sink.rawBytes(c)).toString('base64'), np[c]!.name).toBe(np[c]!.raw);
  });

  it('integers at the int32 limits stay int32; one past widens to int64 exactly', async () => {
    const ok = ['0', '-0', '+5', '007', '999999999', '1000000000', '2147483647', '-2147483648', '-000002147483648'];
    const p1 = file(ok.map((t) => `x\t${t}`).join('\n'));
    const a = await load(p1);
    expect(a.sink.columns[1]!.dtype).toBe('<i4');
    expect(a.fast).toBe(ok.length - 1);
    expect(a.sink.values(1)).toEqual([0, 0, 5, 7, 999999999, 1000000000, 2147483647, -2147483648, -2147483648]);
    // More than 15 digits (here leading zeros) is int64 when inferred, as NumPy's inference says; a spec's int32 takes it.
    const long = file('x\t1\nx\t00000000000000000000000042\nx\t-0000000002147483648\n');
    expect((await load(long)).sink.values(1)).toEqual([1n, 42n, -2147483648n]);
    const np = numpyColumns(long, "np.loadtxt(path, dtype=[('a','S1'),('b','<i4')], delimiter='\\t')");
    expect(Buffer.from((await load(long, { dtype: 'a:S1,b:i4' })).sink.rawBytes(1)).toString('base64')).toBe(np[1]!.raw);
    const more = [...ok, '2147483648', '-2147483649', '9007199254740993', '-9223372036854775808', '12'];
    const b = await load(file(more.map((t) => `x\t${t}`).join('\n')));
    expect(b.sink.columns[1]!.dtype).toBe('<i8');
    expect(b.sink.values(1)).toEqual(more.map((t) => BigInt(t)));
  });

  it('spec integers: a value out of range is an error naming line and column', async () => {
    const e = await loadTextFile(file('1\t2\n3\t2147483648\n'), new MemorySink(), { dtype: 'a:i4,b:i4' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LoadError);
    expect((e as LoadError).info).toMatchObject({ line: 2, column: 3, message: 'value does not fit int32' });
    const e2 = await loadTextFile(file('1\t32767\n3\t32768\n'), new MemorySink(), { dtype: 'a:i4,b:i2' }).catch((x: unknown) => x);
    expect((e2 as LoadError).info).toMatchObject({ line: 2, message: 'value does not fit int16' });
    const e3 = await loadTextFile(file('1\t5\n3\t-1\n'), new MemorySink(), { dtype: 'a:i4,b:u8' }).catch((x: unknown) => x);
    expect((e3 as LoadError).info).toMatchObject({ line: 2, message: 'value does not fit uint64' });
    const e4 = await loadTextFile(file('1\t5\n3\tabc\n'), new MemorySink(), { dtype: 'a:i4,b:S2' }).catch((x: unknown) => x);
    expect((e4 as LoadError).info).toMatchObject({ line: 2, message: 'value does not fit S2' });
  });
});

/** A deterministic table whose every field is also valid inside quotes, where only the general path reads it. */
function table(rows: number, seed: number, pads: boolean): string[][] {
  let s = seed;
  const pick = <T,>(xs: readonly T[]): T => xs[((s = (s * 1103515245 + 12345) % 2147483648) >>> 8) % xs.length]!;
  const strs = ['chr1', 'chrX', 'a b', 'x'.repeat(30), 'y', 'chr22'];
  const i32 = ['0', '-0', '+5', '007', '999999999', '1000000000', '2147483647', '-2147483648', '42', '1234', '0000000000000000042'];
  // Past 2^53 (and past 15 digits) the general path reads the record: a few of those.
  const i64 = ['9007199254740993', '-9223372036854775808', '4294967296', '-1', '0', '9007199254740991', '77', '100000000000000', '-5', '6'];
  const i16 = ['32767', '-32768', '0', '-0', '+1'];
  const pad = (t: string): string => (pads ? pick(['', ' ', '  ']) + t + pick(['', ' ']) : t);
  return Array.from({ length: rows }, () => [pick(strs), pad(pick(i32)), pad(pick(FLOATS)), pad(pick(FLOATS)), pad(pick(i64)), pad(pick(i16))]);
}

describe('fast path and general path agree', () => {
  const cases = [
    { name: 'tab, LF', delim: '\t', eol: '\n', pads: true },
    { name: 'comma, CRLF', delim: ',', eol: '\r\n', pads: true },
    { name: 'semicolon, LF, no pads', delim: ';', eol: '\n', pads: false },
  ];
  for (const c of cases) {
    it(`${c.name}: plain fields (fast) equal quoted fields (general), inferred and with a spec`, async () => {
      const rows = table(3000, 17, c.pads);
      const text = (quote: boolean): string => {
        const lines = rows.map((r) => r.map((f) => (quote ? `"${f}"` : f)).join(c.delim));
        lines.splice(1000, 0, '', '# comment', '   ');
        lines.splice(2000, 0, `"quoted row"${c.delim}${rows[0]!.slice(1).join(c.delim)}`);
        return lines.join(c.eol) + c.eol;
      };
      const plain = file(text(false));
      const quoted = file(text(true));
      const spec = 's:S40,a:i4,b:f8,c:f4,d:i8,e:i2';
      for (const options of [{}, { dtype: spec }] as TextLoadOptions[]) {
        for (const blockSize of [4096, 100003]) {
          const o = { ...options, blockSize, batchRows: 777, header: false };
          const fast = await load(plain, o);
          const slow = await load(quoted, o);
          expect(fast.fast).toBeGreaterThan(1500);
          expect(slow.fast).toBeLessThan(100);
          expect(fast.sink.columns).toEqual(slow.sink.columns);
          for (let k = 0; k < 6; k++) {
            if (fast.sink.columns[k]!.dtype.includes('S')) expect(fast.sink.values(k)).toEqual(slow.sink.values(k));
            else expect(Buffer.from(fast.sink.rawBytes(k)).equals(Buffer.from(slow.sink.rawBytes(k))), `column ${k}`).toBe(true);
          }
        }
      }
    });
  }

  it('CR-only line ends (no LF for the fast path) stay linear: each buffer is searched for its last LF once', async () => {
    const lines = Array.from({ length: 60000 }, (_, i) => `chr1\t${i}\t${i / 4}`);
    const { sink, fast } = await load(file(lines.join('\r')), { header: false, blockSize: 1 << 20 });
    expect(fast).toBe(0);
    expect(sink.rows).toBe(60000);
    expect(sink.values(2).at(-1)).toBe(59999 / 4);
  });

  it('whitespace-separated (leading, repeated and trailing blanks) equals the tab-separated table', async () => {
    const rows = table(2000, 5, false);
    const ws = file(rows.map((r, i) => `${i % 3 ? '' : '  '}${r.map((f) => f.replace(' ', '_')).join(i % 2 ? ' \t ' : ' ')}${i % 5 ? '' : ' '}`).join('\n') + '\n');
    const tab = file(rows.map((r) => r.map((f) => f.replace(' ', '_')).join('\t')).join('\n') + '\n');
    const a = await load(ws, { header: false, blockSize: 5000, delimiter: 'whitespace' });
    const b = await load(tab, { header: false, blockSize: 5000 });
    expect(a.fast).toBeGreaterThan(1300);
    expect(a.sink.columns).toEqual(b.sink.columns);
    for (let k = 0; k < 6; k++) expect(a.sink.values(k)).toEqual(b.sink.values(k));
  });
});
