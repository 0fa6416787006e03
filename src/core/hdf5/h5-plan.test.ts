// Unit tests of the pieces that need no HDF5: names, type mapping, chunk/block sizing, row interleaving, stale temporaries.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnBytes, scatter } from './h5-fill.js';
import { columnNames, datasetNames } from './h5-names.js';
import { partialPathFor, removeStalePartials } from './h5-partial.js';
import { blockRowsFor, chunkRowsFor, planExport } from './h5-plan.js';
import { h5Column } from './h5-types.js';
import { generatedColumns, memorySource } from './memory-source.testing.js';

describe('names', () => {
  it('cleans and de-duplicates dataset names in order', () => {
    expect(datasetNames(['cov', 'cov', 'a/b', '.', '', 'cov_2', 'cov'])).toEqual(['cov', 'cov_2', 'a_b', '_', 'dataset', 'cov_2_2', 'cov_3']);
  });
  it('keeps compound member names verbatim but fills empties and duplicates', () => {
    expect(columnNames(['a/b', '', 'x', 'x'], 'compound')).toEqual(['a/b', 'f1', 'x', 'x_2']);
    expect(columnNames(['a/b', '', '.', 'x'], 'columns')).toEqual(['a_b', 'f1', '_', 'x']);
  });
});

describe('types', () => {
  it('maps every supported dtype to explicit class/size/sign', () => {
    expect(h5Column('<f8').meta).toMatchObject({ type: 1, size: 8 });
    expect(h5Column('<u2').meta).toMatchObject({ type: 0, size: 2, signed: false });
    expect(h5Column('i8').meta).toMatchObject({ type: 0, size: 8, signed: true });
    expect(h5Column('S7').meta).toMatchObject({ type: 3, size: 7, cset: 0 });
    expect(h5Column('?')).toMatchObject({ numpy: '|b1', h5py: '|u1', kind: 'bool' });
  });
  it('refuses what h5wasm cannot write faithfully', () => {
    expect(() => h5Column('>i4')).toThrow(/big-endian/);
    expect(() => h5Column('<f2')).toThrow(/float16/);
    expect(() => h5Column('<c8')).toThrow(/complex/);
    expect(() => h5Column('<U4')).toThrow(/unicode/);
  });
});

describe('sizing', () => {
  it('defaults chunks to ~2 MiB in powers of two and never beyond the data', () => {
    expect(chunkRowsFor(26, 1e7, undefined)).toBe(65536);
    expect(chunkRowsFor(8, 1e8, undefined)).toBe(262144);
    expect(chunkRowsFor(8, 10, undefined)).toBe(10);
    expect(chunkRowsFor(8, 0, undefined)).toBe(1);
    expect(chunkRowsFor(8, 1e6, 1000)).toBe(1000);
    expect(() => chunkRowsFor(8, 1e6, 0)).toThrow();
  });
  it('makes blocks whole chunks within the byte budget', () => {
    expect(blockRowsFor(65536, 26, 1e7, 32 << 20)).toBe(65536 * 19);
    expect(blockRowsFor(1000, 64, 2500, 32 << 20)).toBe(3000);
    expect(blockRowsFor(1 << 20, 64, 1e8, 1 << 20)).toBe(1 << 20);
  });
  it('plans packed compound offsets and per-column datasets', () => {
    const src = memorySource('cov', 10, generatedColumns([{ name: 'chr', dtype: '|S10' }, { name: 'pos', dtype: '<i4' }, { name: 'pct', dtype: '<f4' }], 10));
    const [compound] = planExport([src], { layout: 'compound', chunkRows: undefined, blockBytes: 1 << 20 });
    expect(compound!.datasets[0]!.members.map((m) => m.offset)).toEqual([0, 10, 14]);
    expect(compound!.datasets[0]!.rowBytes).toBe(18);
    const [cols] = planExport([src], { layout: 'columns', chunkRows: undefined, blockBytes: 1 << 20 });
    expect(cols!.datasets.map((d) => d.path)).toEqual(['/cov/chr', '/cov/pos', '/cov/pct']);
  });
});

describe('scatter', () => {
  it('interleaves rows, pads narrow strings with NUL and normalises bool', () => {
    const heap = new Uint8Array(40).fill(0xee);
    const i4 = columnBytes(new Int32Array([1, -2]), h5Column('<i4'), 2, 't');
    const s = columnBytes({ width: 2, bytes: new Uint8Array([65, 66, 67, 0]) }, h5Column('|S3'), 2, 't');
    const b = columnBytes(new Uint8Array([0, 7]), h5Column('|b1'), 2, 't');
    scatter(heap, 0, 8, 4, i4, 2, false);
    scatter(heap, 4, 8, 3, s, 2, false);
    scatter(heap, 7, 8, 1, b, 2, true);
    expect([...heap.subarray(0, 16)]).toEqual([1, 0, 0, 0, 65, 66, 0, 0, 0xfe, 0xff, 0xff, 0xff, 67, 0, 0, 1]);
    expect(heap[16]).toBe(0xee);
  });
  it('rejects windows of the wrong size or kind', () => {
    expect(() => columnBytes(new Float32Array(3), h5Column('<f8'), 3, 'w')).toThrow(/12 bytes for 3 values of <f8/);
    expect(() => columnBytes({ width: 4, bytes: new Uint8Array(8) }, h5Column('|S3'), 2, 'w')).toThrow(/width 4/);
    expect(() => columnBytes(new Uint8Array(6), h5Column('|S3'), 2, 'w')).toThrow(/fixed-width bytes/);
  });
});

describe('stale temporaries', () => {
  it('removes a dead writer’s temporary only, unless asked to remove live ones too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arrayport-partial-'));
    try {
      const dest = join(dir, 'out.h5');
      const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
      const stale = join(dir, `.out.h5.${dead}-abcdef.partial`);
      const live = partialPathFor(dest);
      const other = join(dir, '.other.h5.1-ab.partial');
      for (const f of [stale, live, other]) writeFileSync(f, 'x');
      expect(live).toMatch(new RegExp(`/\\.out\\.h5\\.${process.pid}-[0-9a-f]{12}\\.partial$`));
      expect(removeStalePartials(dest)).toEqual([stale]);
      expect([existsSync(stale), existsSync(live), existsSync(other)]).toEqual([false, true, true]);
      expect(removeStalePartials(dest, { includeLive: true })).toEqual([live]);
      expect(existsSync(other)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
