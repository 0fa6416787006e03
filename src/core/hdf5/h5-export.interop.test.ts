// Exports generated data with the real writer and checks it with h5py/numpy and h5dump (independent readers).

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../load-error.js';
import { exportHdf5 } from './h5-export.js';
import { expectFromSource, h5dumpHeader, h5pyErrors } from './h5py-check.testing.js';
import { dictionaryColumn, generatedColumns, memorySource } from './memory-source.testing.js';

const dir = mkdtempSync(join(tmpdir(), 'arrayport-h5-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every dtype the writer supports, plus a string column whose source is narrower than its dtype. */
const ALL_DTYPES = [
  { name: 'flag', dtype: '|b1' }, { name: 'i1', dtype: '|i1' }, { name: 'i2', dtype: '<i2' }, { name: 'i4', dtype: '<i4' },
  { name: 'i8', dtype: '<i8' }, { name: 'u1', dtype: '|u1' }, { name: 'u2', dtype: '<u2' }, { name: 'u4', dtype: '<u4' },
  { name: 'u8', dtype: '<u8' }, { name: 'f4', dtype: '<f4' }, { name: 'f8', dtype: '<f8' }, { name: 'chr', dtype: '|S10' },
  { name: 'label', dtype: '|S12', width: 7 }, { name: 'one', dtype: '|S1' },
];
const SEED = [
  { name: 'chr', dtype: '|S10' }, { name: 'pos', dtype: '<i4' }, { name: 'pct', dtype: '<f4' }, { name: 'c', dtype: '<i4' }, { name: 't', dtype: '<i4' },
];
const ROWS = 250_000;
const PROVENANCE = {
  source_path: '/data/µ-sample.cov', source_bytes: 5_000_000_123, column_reasons: JSON.stringify({ pos: 'all values are integers in int32 range' }),
  tool_name: 'arrayport', tool_version: '0.1.0', ratio: 0.25,
};
const allSource = memorySource('all', ROWS, generatedColumns(ALL_DTYPES, ROWS), { attributes: PROVENANCE });
const seedSource = memorySource('coverage', ROWS, generatedColumns(SEED, ROWS, 2), { attributes: PROVENANCE });
let n = 0;
const fresh = (): string => join(dir, `out${++n}.h5`);
const leftovers = (): string[] => readdirSync(dir).filter((f) => f.endsWith('.partial'));

// Uncompressed without a chunk size is written contiguous; with one, or with gzip (plus shuffle), chunked.
describe.each([
  { layout: 'compound' as const, gzip: undefined, chunkRows: undefined },
  { layout: 'compound' as const, gzip: undefined, chunkRows: 4096 },
  { layout: 'compound' as const, gzip: 3, chunkRows: 4096 },
  { layout: 'columns' as const, gzip: undefined, chunkRows: undefined },
  { layout: 'columns' as const, gzip: 1, chunkRows: 4096 },
])('layout $layout, gzip $gzip, chunks $chunkRows', ({ layout, gzip, chunkRows }) => {
  const storage = chunkRows ? { chunks: chunkRows } : { contiguous: true };
  it('h5py reads every dtype, value and attribute exactly, over many blocks', async () => {
    const file = fresh();
    const progress: number[] = [];
    const result = await exportHdf5([allSource, seedSource], {
      destination: file, layout, compression: gzip ? { kind: 'gzip', level: gzip } : { kind: 'none' },
      ...(chunkRows ? { chunkRows } : {}), blockBytes: 1 << 20, onProgress: (p) => progress.push(p.bytesWritten / p.bytesTotal),
    });
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toBe(1);
    expect(result.fileBytes).toBeGreaterThan(0);
    const expectDtype = "[('chr','S10'),('pos','<i4'),('pct','<f4'),('c','<i4'),('t','<i4')]";
    const expected = [
      expectFromSource(dir, '/all', layout, allSource, { ...storage, ...(gzip ? { gzip, shuffle: true } : {}) }),
      expectFromSource(dir, '/coverage', layout, seedSource, { ...storage, ...(gzip ? { gzip, shuffle: true } : {}), ...(layout === 'compound' ? { expectDtype } : {}) }),
    ];
    expect(h5pyErrors(dir, file, expected, ['all', 'coverage'])).toEqual([]);
    expect(h5dumpHeader(file)).toContain(layout === 'compound' ? 'H5T_COMPOUND' : 'GROUP "coverage"');
    expect(leftovers()).toEqual([]);
  });

  it('writes dictionary-encoded strings (as the store reads them) next to odd-sized members', async () => {
    const file = fresh();
    const rows = 40_000;
    const schema = [{ name: 'chr', dtype: '|S10', width: 5 }, { name: 'b', dtype: '|i1' }, { name: 'tag', dtype: '|S3' }, { name: 'n', dtype: '<i8' }, { name: 'x', dtype: '<f4' },
      { name: 's4', dtype: '|S4' }, { name: 's5', dtype: '|S5' }, { name: 's7', dtype: '|S7', width: 3 }, { name: 's8', dtype: '|S8', width: 6 },
      { name: 's13', dtype: '|S13', width: 11 }, { name: 's16', dtype: '|S16' }, { name: 's2', dtype: '|S2' }];
    const cols = generatedColumns(schema, rows, 3).map((c) => (c.dtype.startsWith('|S') ? dictionaryColumn(c) : c));
    const source = memorySource('dict', rows, cols);
    await exportHdf5([source], { destination: file, layout, compression: gzip ? { kind: 'gzip', level: gzip } : { kind: 'none' }, ...(chunkRows ? { chunkRows } : {}), blockBytes: 1 << 18 });
    expect(h5pyErrors(dir, file, [expectFromSource(dir, '/dict', layout, source, { ...storage, ...(gzip ? { gzip, shuffle: true } : {}) })])).toEqual([]);
  });

  it('writes dictionary strings in long runs (sorted chromosomes) and in short ones, across chunk ends', async () => {
    const file = fresh();
    const rows = 30_001;
    // Runs of 1,000–9,000 rows that start and end inside chunks, then a stretch that changes every row or two.
    const width = 8;
    const bytes = new Uint8Array(rows * width);
    for (let r = 0; r < rows; r++) {
      const label = r < 20_000 ? `chr${1 + Math.floor(Math.sqrt(r / 250))}` : `c${(r * 7) % 5 === 0 ? r % 3 : 9}`;
      bytes.set(new TextEncoder().encode(label), r * width);
    }
    const others = generatedColumns([{ name: 'pos', dtype: '<i4' }, { name: 'n', dtype: '<i8' }], rows, 4);
    // The same row size first, with all 8 bytes of every string used: its chunk buffers are reused for the second
    // dataset, whose 5-byte values must still read NUL-padded.
    const full = memorySource('full', rows, [...generatedColumns([{ name: 'chr', dtype: '|S8' }], rows, 6), ...others]);
    const source = memorySource('runs', rows, [dictionaryColumn({ name: 'chr', dtype: '|S8', data: { width: 5, bytes: narrow(bytes, width, 5) } }), ...others]);
    await exportHdf5([full, source], { destination: file, layout, compression: gzip ? { kind: 'gzip', level: gzip } : { kind: 'none' }, ...(chunkRows ? { chunkRows } : {}), blockBytes: 1 << 16 });
    const options = { ...storage, ...(gzip ? { gzip, shuffle: true } : {}) };
    expect(h5pyErrors(dir, file, [expectFromSource(dir, '/full', layout, full, options), expectFromSource(dir, '/runs', layout, source, options)])).toEqual([]);
  });
});

/** Items of `from` bytes cut to their first `to` bytes. */
function narrow(bytes: Uint8Array, from: number, to: number): Uint8Array {
  const out = new Uint8Array((bytes.length / from) * to);
  for (let i = 0; i < bytes.length / from; i++) out.set(bytes.subarray(i * from, i * from + to), i * to);
  return out;
}

describe('the h5py check can fail', () => {
  it('reports a flipped value, a -0.0 that became +0.0, and a wrong dtype', async () => {
    const file = fresh();
    const cols = generatedColumns([{ name: 'x', dtype: '<f8' }, { name: 's', dtype: '|S4' }], 100);
    const source = memorySource('t', 100, cols);
    await exportHdf5([source], { destination: file, layout: 'compound', compression: { kind: 'none' } });
    const expected = expectFromSource(dir, '/t', 'compound', source, { contiguous: true });
    expect(h5pyErrors(dir, file, [expected])).toEqual([]);
    const f = expected.columns[0]!.file;
    const raw = readFileSync(f);
    raw.writeDoubleLE(0, 8); // row 1 was -0.0
    writeFileSync(f, raw);
    expect(h5pyErrors(dir, file, [expected]).join('\n')).toMatch(/\/t\.x: 1 values differ, first at row 1/);
    expect(h5pyErrors(dir, file, [{ ...expected, expectDtype: "[('x','<f4'),('s','S4')]" }]).join('\n')).toMatch(/dtype/);
  });
});

describe('names', () => {
  it('makes dataset and column names valid and unique, in source order', async () => {
    const file = fresh();
    const cols = (): ReturnType<typeof generatedColumns> => generatedColumns([{ name: 'a/b', dtype: '<i4' }, { name: '.', dtype: '<i4' }, { name: '', dtype: '<i4' }], 10);
    const sources = ['x', 'x/y', 'x', '.', '', 'x_2'].map((name) => memorySource(name, 10, cols()));
    const result = await exportHdf5(sources, { destination: file, layout: 'columns', compression: { kind: 'none' } });
    const order = ['x', 'x_y', 'x_2', '_', 'dataset', 'x_2_2'];
    expect(result.datasets.filter((d) => d.name.endsWith('/a_b')).map((d) => d.name)).toEqual(order.map((o) => `/${o}/a_b`));
    const names = [{ name: 'a_b' }, { name: '_' }, { name: 'f2' }] as { name: string }[];
    const expected = sources.map((s, i) => expectFromSource(dir, `/${order[i]!}`, 'columns', s, { columns: names as never, contiguous: true }));
    expect(h5pyErrors(dir, file, expected, order)).toEqual([]);
  });

  it('indexes thousands of chunks (a B-tree three levels deep) that h5py finds every row through', async () => {
    const rows = 70_000;
    for (const gzip of [undefined, 1]) {
      const file = fresh();
      const source = memorySource('many', rows, generatedColumns([{ name: 'x', dtype: '<f8' }, { name: 's', dtype: '|S3' }, { name: 'b', dtype: '|b1' }], rows, 5));
      await exportHdf5([source], { destination: file, layout: 'compound', compression: gzip ? { kind: 'gzip', level: gzip } : { kind: 'none' }, chunkRows: 16 });
      expect(h5pyErrors(dir, file, [expectFromSource(dir, '/many', 'compound', source, { chunks: 16, ...(gzip ? { gzip, shuffle: true } : {}) })])).toEqual([]);
    }
  });

  it('compresses chunks of a few bytes (zlib refuses an output buffer under 64 bytes)', async () => {
    const file = fresh();
    const source = memorySource('tiny', 5, generatedColumns([{ name: 'b', dtype: '|u1' }], 5, 7));
    await exportHdf5([source], { destination: file, layout: 'compound', compression: { kind: 'gzip', level: 6 }, chunkRows: 2 });
    expect(h5pyErrors(dir, file, [expectFromSource(dir, '/tiny', 'compound', source, { chunks: 2, gzip: 6, shuffle: true })])).toEqual([]);
  });

  it('writes a dataset with zero rows', async () => {
    const file = fresh();
    const source = memorySource('empty', 0, generatedColumns(SEED, 0));
    await exportHdf5([source], { destination: file, layout: 'compound', compression: { kind: 'gzip', level: 1 } });
    expect(h5pyErrors(dir, file, [expectFromSource(dir, '/empty', 'compound', source, { gzip: 1, shuffle: true })])).toEqual([]);
  });
});

describe.each([
  { writer: 'chunked', chunkRows: 4096 },
  { writer: 'contiguous', chunkRows: undefined },
])('atomic output ($writer)', ({ chunkRows }) => {
  it('an abort mid-export leaves no destination and no temporary', async () => {
    const file = fresh();
    const controller = new AbortController();
    let reports = 0;
    const run = exportHdf5([seedSource], {
      destination: file, layout: 'compound', compression: { kind: 'none' }, ...(chunkRows ? { chunkRows } : {}), blockBytes: 1 << 20, signal: controller.signal,
      onProgress: () => { if (++reports === 3) controller.abort(); },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(reports).toBe(3);
    expect(existsSync(file)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('an error on block 3 leaves the existing destination untouched and no temporary', async () => {
    const file = fresh();
    writeFileSync(file, 'previous export');
    // h5wasm writes whole chunks per block; the contiguous writer as many rows as fit the buffer.
    const blockRows = chunkRows ? chunkRows * Math.floor((1 << 20) / (chunkRows * 26)) : Math.floor((1 << 20) / 26);
    const failing = memorySource('coverage', ROWS, generatedColumns(SEED, ROWS, 2), {
      onRead: (_index, first) => { if (first === 2 * blockRows) throw new Error('store went away'); },
    });
    let partialSeen = false;
    await expect(exportHdf5([failing], {
      destination: file, layout: 'compound', compression: { kind: 'none' }, ...(chunkRows ? { chunkRows } : {}), blockBytes: 1 << 20,
      onProgress: () => { partialSeen ||= leftovers().length === 1; },
    })).rejects.toThrow('store went away');
    expect(partialSeen).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('previous export');
    expect(leftovers()).toEqual([]);
  });

  it('a source returning the wrong number of bytes fails the export cleanly', async () => {
    const file = fresh();
    const source = { ...memorySource('bad', 100, generatedColumns([{ name: 'v', dtype: '<f8' }], 100)), readColumn: () => new Float32Array(100) };
    await expect(exportHdf5([source], { destination: file, layout: 'columns', compression: { kind: 'none' } })).rejects.toThrow(/400 bytes for 100 values of <f8/);
    expect(existsSync(file)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('a dictionary code past the values fails the export cleanly', async () => {
    const file = fresh();
    const source = memorySource('bad', 3, [{ name: 's', dtype: '|S4', data: { width: 2, values: Uint8Array.of(65, 66, 67, 68), codes: Uint16Array.of(0, 1, 2) } }]);
    await expect(exportHdf5([source], { destination: file, layout: 'compound', compression: { kind: 'none' } })).rejects.toThrow(/dictionary code 2 at row 2/);
    expect(existsSync(file)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('rejects an unsupported dtype before creating any file', async () => {
    const file = fresh();
    const source = memorySource('c', 1, [{ name: 'z', dtype: '<c16', data: new Float64Array(2) }]);
    await expect(exportHdf5([source], { destination: file, layout: 'compound', compression: { kind: 'none' } })).rejects.toThrow(/column 'z'.*complex/);
    expect(leftovers()).toEqual([]);
  });
});
