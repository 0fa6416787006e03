// The compiled record loops store exactly what the generic loop stores, on every kind, delimiter and oddity, and match NumPy.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { K_F32, K_F64, K_I32, K_I64, K_INT, K_STR, K_U64 } from './column-kinds.js';
import { FastRows } from './fast-rows.js';
import { MAX_KERNEL_COLUMNS, recordKernel, useRecordKernels } from './record-kernel.js';
import { loadTextFile, type TextLoadOptions } from './text-loader.js';
import { MemorySink } from './test-support/memory-sink.js';
import { numpyColumns } from './test-support/numpy-oracle.js';
import { seedLines } from './test-support/seed-file.js';

const dir = mkdtempSync(join(tmpdir(), 'arrayport-kernel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  useRecordKernels(true);
  vi.restoreAllMocks();
});
let n = 0;
function file(content: string): string {
  const p = join(dir, `k${n++}.txt`);
  writeFileSync(p, content);
  return p;
}

interface Loaded {
  readonly dtypes: string[];
  readonly bytes: string[];
  readonly rows: number;
  /** Rows the fast path stored (kernel or generic loop). */
  readonly fast: number;
  readonly error?: string;
}

async function load(p: string, options: TextLoadOptions, kernels: boolean): Promise<Loaded> {
  useRecordKernels(kernels);
  const spy = vi.spyOn(FastRows.prototype, 'run');
  const sink = new MemorySink();
  let fast = 0;
  try {
    await loadTextFile(p, sink, options);
  } catch (e) {
    return { dtypes: [], bytes: [], rows: 0, fast: 0, error: String(e) };
  } finally {
    // Read before the restore, which clears them; restored on every path, or the next spy would add to this one.
    fast = spy.mock.results.reduce((s, r) => s + (r.value as number), 0);
    useRecordKernels(true);
    spy.mockRestore();
  }
  const dtypes = sink.columns.map((c) => c.dtype);
  return { dtypes, bytes: dtypes.map((_, i) => Buffer.from(sink.rawBytes(i)).toString('base64')), rows: sink.rows, fast };
}

/** Loads `p` with kernels and with the generic loop: everything stored must be equal; returns the kernel run. */
async function same(p: string, options: TextLoadOptions = {}): Promise<Loaded> {
  const kernel = await load(p, options, true);
  const generic = await load(p, options, false);
  expect(kernel).toEqual(generic);
  return kernel;
}

function rng(seed: number): (n: number) => number {
  let s = seed;
  return (k) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * k);
  };
}

const INTS = ['0', '7', '-7', '+7', '2147483647', '-2147483648', '2147483648', '123456789012345', '1234567890123456', '007', '-0', '255', '256', '-129', '65535', '4294967296', '9007199254740993'];
const FLOATS = ['1.5', '-0.25', '.5', '5.', '1e5', '2.5E-3', '1e23', '1e-400', '1e309', '0.1000000000000000055511151231257827', '123456789e-22', '4.9e-324', '-.5e+2', '1.', '3.14159', 'nan', 'inf'];
const WORDS = ['chr1', 'chrX', 'a', 'longer_value_here', '"quoted"', 'NA', '', 'x y'];

describe('record kernels: the same stores as the generic loop', () => {
  it('compiles a kernel for every stored kind, and none for wide plans or untyped columns', () => {
    for (const kind of [K_STR, K_F64, K_F32, K_I32, K_INT, K_I64, K_U64]) {
      for (const delimiter of [9, 44, -1]) expect(recordKernel([kind, K_I32, kind], delimiter), `kind ${kind} delimiter ${delimiter}`).toBeTypeOf('function');
    }
    expect(recordKernel(Array.from({ length: MAX_KERNEL_COLUMNS + 1 }, () => K_I32), 9)).toBeNull();
    expect(recordKernel([K_I32, 1], 9)).toBeNull();
  });

  it('seed tables (tab, comma + CRLF, whitespace runs), inferred and with a spec', async () => {
    for (const [delim, eol] of [['\t', '\n'], [',', '\r\n'], ['   ', '\n']] as const) {
      // Whitespace runs cannot spell an empty field: no missing values there.
      const lines = seedLines(3000, 5, { missing: delim !== '   ', bigC: true });
      const p = file(lines.map((l) => l.replaceAll('\t', delim)).join(eol) + eol);
      const inferred = await same(p, { header: false });
      expect(inferred.fast).toBeGreaterThan(2500);
      await same(p, { header: false, dtype: 'chr:S10,pos:i4,pct:f4,c:i8,t:f8' });
    }
  });

  it('random tables of every spec kind with odd values, blanks, comments, quotes and padding', async () => {
    const r = rng(11);
    const specs = ['i4', 'f4', 'f8', 'i8', 'u8', 'i2', 'u1', 'S6', 'U4'];
    for (let k = 0; k < 40; k++) {
      const cols = 1 + r(6);
      const kinds = Array.from({ length: cols }, () => specs[r(specs.length)]!);
      const delim = [',', '\t', ';', ' '][r(4)]!;
      const rows: string[] = [];
      for (let i = 0; i < 200; i++) {
        if (r(40) === 0) rows.push(r(2) ? '' : '# a comment');
        const cells = kinds.map((spec) => {
          const pick = r(10);
          const pool = spec.startsWith('S') || spec.startsWith('U') ? WORDS : spec.startsWith('f') ? FLOATS : INTS;
          const v = pick < 8 ? String(pick * 3 - r(5)) : pool[r(pool.length)]!;
          return delim === ',' && r(15) === 0 ? ` ${v} ` : v;
        });
        rows.push(cells.join(delim === ' ' ? ' '.repeat(1 + r(3)) : delim));
      }
      const p = file(rows.join(r(5) === 0 ? '\r\n' : '\n') + '\n');
      const dtype = kinds.map((s, c) => `c${c}:${s}`).join(',');
      await same(p, { header: false, dtype, ...(delim === ' ' ? { delimiter: 'whitespace' as const } : {}) });
      await same(p, { header: false, ...(delim === ' ' ? { delimiter: 'whitespace' as const } : {}) });
    }
  });

  it('a file whose column widens mid-load (int32 → int64 → float64) recompiles and stays equal', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `${i}\t${i === 3000 ? '3000000000' : i === 4000 ? '1.5' : String(i)}\tw${i % 7}`);
    const p = file(lines.join('\n') + '\n');
    const got = await same(p, { header: false, blockSize: 4096 });
    expect(got.dtypes).toEqual(['<i4', '<f8', '|S2']);
  });

  it('stores what NumPy reads (seed table with a spec)', async () => {
    const p = file(seedLines(2000, 9).join('\n') + '\n');
    const got = await same(p, { header: false, dtype: 'chr:S10,pos:i4,pct:f4,c:i4,t:i4' });
    expect(got.fast).toBe(2000);
    const np = numpyColumns(p, "np.loadtxt(path, dtype=[('chr','S10'),('pos','<i4'),('pct','<f4'),('c','<i4'),('t','<i4')], delimiter='\\t')");
    // chr is stored as its bytes and offsets, not NumPy's padded S10: the numeric columns are compared bit for bit.
    for (let c = 1; c < 5; c++) expect(got.bytes[c], np[c]!.name).toBe(np[c]!.raw);
  });

  it('where code from strings is refused, loads through the generic loop with the same result', async () => {
    const p = file(seedLines(500, 3).join('\n') + '\n');
    const script = `
      const { recordKernel } = await import(${JSON.stringify(fileURLToPath(new URL('./record-kernel.ts', import.meta.url)))});
      const { loadTextFile } = await import(${JSON.stringify(fileURLToPath(new URL('./text-loader.ts', import.meta.url)))});
      const { MemorySink } = await import(${JSON.stringify(fileURLToPath(new URL('./test-support/memory-sink.ts', import.meta.url)))});
      const sink = new MemorySink();
      const r = await loadTextFile(${JSON.stringify(p)}, sink, { header: false });
      console.log(JSON.stringify({ kernel: recordKernel([5, 2], 9), rows: r.rows, bytes: sink.columns.map((_, i) => Buffer.from(sink.rawBytes(i)).toString('base64')) }));`;
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    const child = JSON.parse(out.trim().split('\n').at(-1)!) as { kernel: null; rows: number; bytes: string[] };
    const here = await same(p, { header: false });
    expect(child).toEqual({ kernel: null, rows: 500, bytes: here.bytes });
  });
});
