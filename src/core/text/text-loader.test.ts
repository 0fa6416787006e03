// loadTextFile against numpy.loadtxt/genfromtxt on generated seed files with tricky values, and its errors and options.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { CancelledError, LoadError } from '../load-error.js';
import { loadTextFile, type TextLoadOptions } from './text-loader.js';
import { MemorySink } from './test-support/memory-sink.js';
import { numpyColumns, type NumpyColumn } from './test-support/numpy-oracle.js';
import { seedLines } from './test-support/seed-file.js';

const dir = mkdtempSync(join(tmpdir(), 'arrayport-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: string | Uint8Array, ext = '.txt'): string {
  const p = join(dir, `f${n++}${ext}`);
  writeFileSync(p, content);
  return p;
}

async function load(path: string, options: TextLoadOptions = {}): Promise<{ sink: MemorySink; result: Awaited<ReturnType<typeof loadTextFile>> }> {
  const sink = new MemorySink();
  const result = await loadTextFile(path, sink, options);
  return { sink, result };
}

/** Every column bit-exact against NumPy's, same names and dtypes. */
function expectSameAsNumpy(sink: MemorySink, np: NumpyColumn[]): void {
  expect(sink.columns.map((c) => c.name)).toEqual(np.map((c) => c.name));
  np.forEach((col, i) => {
    if (col.strings) {
      expect(sink.values(i).map((v) => Buffer.from(v as string, 'latin1').toString('base64')), col.name).toEqual(col.strings);
    } else {
      expect(sink.columns[i]!.dtype, col.name).toBe(col.dtype);
      expect(Buffer.from(sink.rawBytes(i)).toString('base64'), col.name).toBe(col.raw);
    }
  });
}

const SEED_NP = "[('chr','S10'),('pos','<i4'),('pct','<f8'),('c','<i4'),('t','<i4')]";
const GENFROMTXT = (dtype: string, extra = ''): string =>
  `np.genfromtxt(path, dtype=${dtype}, delimiter='\\t', comments='#', missing_values=['NA',''], filling_values=nan, encoding='latin1'${extra})`;

describe('loadTextFile against NumPy', () => {
  it('seed format: inferred types and bit-exact values with tricky numbers', async () => {
    const p = file(`${seedLines(3000, 7).join('\n')}\n`);
    const { sink, result } = await load(p, { blockSize: 4096, batchRows: 1000 });
    expect(result.rows).toBe(3000);
    expect(result.dialect).toMatchObject({ delimiter: '\t', header: false, lineEnding: 'LF', compression: 'none' });
    expect(sink.columns.map((c) => c.dtype)).toEqual(['|S4', '<i4', '<f8', '<i4', '<i4']);
    expect(sink.columns[2]!.reason).toMatch(/^float64: '.*' at line \d+ (is written with a decimal point|is not an integer)$/);
    const np = numpyColumns(p, `np.loadtxt(path, dtype=${SEED_NP.replace("'chr'", "'f0'").replace("'pos'", "'f1'").replace("'pct'", "'f2'").replace("'c'", "'f3'").replace("'t'", "'f4'")}, delimiter='\\t')`);
    expectSameAsNumpy(sink, np);
  });

  it('header, missing values, int64 widening, CRLF and comments', async () => {
    const lines = seedLines(2500, 3, { missing: true, bigC: true });
    lines.splice(100, 0, '# a comment in the middle', '   # an indented one', '');
    const p = file(`# leading comment\r\nchr\tpos\tpct\tc\tt\r\n${lines.join('\r\n')}`);
    const { sink, result } = await load(p, { blockSize: 1000, batchRows: 300 });
    expect(result.dialect).toMatchObject({ header: true, lineEnding: 'CRLF', skippedLines: 2 });
    expect(sink.columns.map((c) => `${c.name}:${c.dtype}`)).toEqual(['chr:|S4', 'pos:<i4', 'pct:<f8', 'c:<i8', 't:<f8']);
    expect(sink.columns[3]!.reason).toBe("int64: '3000000000' at line 2503 does not fit int32");
    expect(sink.columns[4]!.reason).toMatch(/^float64: integers with missing values \('NA' at line 12\)$/);
    expect(sink.calls.filter((c) => c.startsWith('widen'))).toEqual(['widen 3 <i8']);
    const np = numpyColumns(p, GENFROMTXT("[('chr','S4'),('pos','<i4'),('pct','<f8'),('c','<i8'),('t','<f8')]", ', skip_header=2'));
    expectSameAsNumpy(sink, np);
  });

  it('widens a column that is int in the first rows and float later (without losing rows)', async () => {
    const lines = seedLines(5000, 11).map((l, i) => (i === 4000 ? l.replace(/\t(\d+)$/, '\t$1.5') : l));
    const p = file(lines.join('\n'));
    const { sink } = await load(p, { blockSize: 2048, batchRows: 512 });
    expect(sink.columns[4]!.dtype).toBe('<f8');
    expect(sink.columns[4]!.reason).toMatch(/is written with a decimal point/);
    expect(sink.calls).toContain('widen 4 <f8');
    expectSameAsNumpy(sink, numpyColumns(p, "np.loadtxt(path, dtype=[('f0','S4'),('f1','<i4'),('f2','<f8'),('f3','<i4'),('f4','<f8')], delimiter='\\t')"));
  });

  it('re-reads the file when a numeric column turns out to be text', async () => {
    const lines = seedLines(4000, 5).map((l, i) => (i === 3500 ? l.replace(/^chr\w+\t\d+/, 'chr1\tunknown') : l));
    const p = file(lines.join('\n'));
    const { sink, result } = await load(p, { blockSize: 4096, batchRows: 700 });
    expect(sink.calls).toEqual(['begin', 'reset', 'begin']);
    expect(result.rows).toBe(4000);
    expect(sink.columns[1]!.reason).toBe("string: 'unknown' at line 3501 is not a number");
    expectSameAsNumpy(sink, numpyColumns(p, "np.loadtxt(path, dtype=[('f0','S4'),('f1','S11'),('f2','<f8'),('f3','<i4'),('f4','<i4')], delimiter='\\t')"));
  });

  it('gzip and two-member gzip stream through zlib; progress counts compressed bytes', async () => {
    const text = `${seedLines(4000, 9).join('\n')}\n`;
    const half = text.indexOf('\n', text.length / 2) + 1;
    const one = file(gzipSync(text), '.gz');
    const two = file(Buffer.concat([gzipSync(text.slice(0, half)), gzipSync(text.slice(half))]), '.gz');
    for (const p of [one, two]) {
      const progress: number[] = [];
      const { sink, result } = await load(p, { blockSize: 8192, onProgress: (q) => progress.push(q.bytesRead) });
      expect(result.dialect.compression).toBe('gzip');
      expect(result.rows).toBe(4000);
      expect(progress.at(-1)).toBeLessThan(text.length / 2);
      expectSameAsNumpy(sink, numpyColumns(p, "np.loadtxt(path, dtype=[('f0','S4'),('f1','<i4'),('f2','<f8'),('f3','<i4'),('f4','<i4')], delimiter='\\t')"));
    }
  });

  it('quoted CSV with embedded delimiters, doubled quotes and newlines', async () => {
    const p = file('name,x,y\r\n"a,b",1,2.5\r\n"say ""hi""",3,-0\r\n"two\nlines",4,1e3\r\nplain,5,6\r\n');
    const { sink, result } = await load(p, { blockSize: 16 });
    expect(result.dialect).toMatchObject({ delimiter: ',', header: true });
    expect(sink.values(0)).toEqual(['a,b', 'say "hi"', 'two\nlines', 'plain']);
    expectSameAsNumpy(sink, numpyColumns(p, "np.loadtxt(path, dtype=[('name','S9'),('x','<i4'),('y','<f8')], delimiter=',', quotechar='\"', skiprows=1, encoding='latin1')"));
  });

  it('applies a dtype spec (NumPy and compact syntax) with float32 rounding', async () => {
    const p = file(`${seedLines(1000, 2).join('\n')}\n`);
    const numpySpec = "[('chr','S10'),('pos','<i4'),('pct','<f4'),('c','<i4'),('t','<i4')]";
    for (const dtype of [numpySpec, 'chr:S10,pos:i4,pct:f4,c:i4,t:i4']) {
      const { sink } = await load(p, { dtype });
      expect(sink.columns.map((c) => c.dtype)).toEqual(['|S10', '<i4', '<f4', '<i4', '<i4']);
      expect(sink.columns[0]!.fixedWidth).toBe(true);
      expectSameAsNumpy(sink, numpyColumns(p, `np.loadtxt(path, dtype=${numpySpec}, delimiter='\\t')`));
    }
  });
});

describe('loadTextFile errors and options', () => {
  const failure = async (content: string, options: TextLoadOptions = {}): Promise<LoadError> => {
    const p = file(content);
    const e = await loadTextFile(p, new MemorySink(), options).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LoadError);
    return e as LoadError;
  };

  it('points at file, line and column', async () => {
    const e1 = await failure('a\tb\n1\t2\n3\t3000000000\n', { dtype: 'a:i4,b:i4' });
    expect(e1.message).toMatch(/f\d+\.txt:3:3: value does not fit int32: '3000000000'$/);
    const e2 = await failure('a,b,c\n1,2,3\n4,5,6,7\n');
    expect(e2.info).toMatchObject({ line: 3, column: 1, message: 'row has 4 fields, expected 3', text: '4,5,6,7' });
    const e3 = await failure('x y\nchromosome_1 2\n', { dtype: 'S10,i4' });
    expect(e3.info).toMatchObject({ line: 2, column: 1, message: 'value does not fit S10', text: 'chromosome_1' });
    const e4 = await failure('1,2\n3,x\n', { dtype: 'f8', header: false });
    expect(e4.info).toMatchObject({ line: 2, column: 3, text: 'x' });
    const e5 = await failure('1,NA\n', { dtype: 'i4,i4' });
    expect(e5.info.message).toBe("missing value in int32 column 'f1'");
    const e6 = await failure('a,b\n1,2\n', { dtype: 'a:i4' });
    expect(e6.info.message).toBe('the dtype spec has 1 columns, the file has 2');
    const e7 = await failure('a,"b\n1,2\n');
    expect(e7.info).toMatchObject({ line: 1, column: 3, message: 'quote is never closed' });
    const e8 = await failure('');
    expect(e8.info.message).toBe('no data: the file holds no rows');
  });

  it('cancels between blocks', async () => {
    const p = file(`${seedLines(20000, 1).join('\n')}\n`);
    const ac = new AbortController();
    const e = await loadTextFile(p, new MemorySink(), { blockSize: 4096, signal: ac.signal, onProgress: () => ac.abort() }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CancelledError);
  });

  it('gives the same result for every block size (records cut anywhere)', async () => {
    const p = file(`\uFEFFid;"na;me";v\r${Array.from({ length: 300 }, (_, i) => `${i};"n""${i}\r\n";${i / 8}`).join('\r')}\r`);
    const ref = await load(p);
    expect(ref.result.dialect).toMatchObject({ delimiter: ';', bom: true, lineEnding: 'CR', header: true });
    expect(ref.sink.columns.map((c) => c.name)).toEqual(['id', 'na;me', 'v']);
    for (const blockSize of [1, 2, 3, 5, 7, 64]) {
      const { sink } = await load(p, { blockSize, batchRows: 7 });
      for (let c = 0; c < 3; c++) expect(sink.values(c)).toEqual(ref.sink.values(c));
    }
  });
});
