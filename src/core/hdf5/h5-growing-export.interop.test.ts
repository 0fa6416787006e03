// Exports tables that are still "loading" (GrowingSource snapshots) and checks the file with h5py and h5dump against the whole tables.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../load-error.js';
import type { ColumnSource } from './column-source.js';
import type { GrowingSource } from './growing-source.js';
import { exportHdf5 } from './h5-export.js';
import { expectFromSource, h5dumpHeader, h5pyErrors } from './h5py-check.testing.js';
import { dictionaryColumn, generatedColumns, memorySource, type MemoryColumn } from './memory-source.testing.js';

const dir = mkdtempSync(join(tmpdir(), 'arrayport-grow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(dir, `out${++n}.h5`);
const leftovers = (): string[] => readdirSync(dir).filter((f) => f.endsWith('.partial'));

const SEED = [{ name: 'chr', dtype: '|S10', width: 5 }, { name: 'pos', dtype: '<i4' }, { name: 'pct', dtype: '<f4' }, { name: 'c', dtype: '<i4' }, { name: 't', dtype: '<i4' }];

/** The first `rows` rows of `columns` as a source, as a reader of a manifest with that many committed rows serves them. */
function prefix(name: string, rows: number, columns: readonly MemoryColumn[]): ColumnSource {
  return memorySource(name, rows, columns);
}

interface Step {
  readonly rows: number;
  /** The columns as that commit lists them (a column may still be narrower than it ends). */
  readonly columns: readonly MemoryColumn[];
}

/** Snapshots at each step's rows, the last one final; `failAt` rejects instead of giving that step. */
function growing(name: string, steps: readonly Step[], o: { failAt?: number; onStep?: (i: number) => void } = {}): GrowingSource & { taken: number; closed: boolean } {
  const g = {
    name,
    taken: 0,
    closed: false,
    async next() {
      const i = g.taken++;
      o.onStep?.(i);
      if (i === o.failAt) throw new Error(`${name} did not load: ${name}:7:3: expected an integer`);
      const step = steps[Math.min(i, steps.length - 1)]!;
      // A yield between commits, as a real follower waits for the loader.
      await new Promise((r) => setTimeout(r, 1));
      return { source: prefix(name, step.rows, step.columns), final: i >= steps.length - 1 };
    },
    close() {
      g.closed = true;
    },
  };
  return g;
}

/** A column whose first rows fit int32 but which ends float64: early commits list it as <i4, the last as <f8. */
function widening(rows: number, intRows: number): { early: MemoryColumn; final: MemoryColumn } {
  const f = new Float64Array(rows);
  const i = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    f[r] = r < intRows ? (r * 7919) % 100_003 - 50_000 : r / 3;
    i[r] = r < intRows ? f[r]! : 0;
  }
  return { early: { name: 'x', dtype: '<i4', data: i }, final: { name: 'x', dtype: '<f8', data: f } };
}

describe.each(['compound', 'columns'] as const)('tables written while they load, layout %s', (layout) => {
  it('equal the whole tables in h5py, with a whole table between two growing ones and a column widened mid-load', async () => {
    const rows = 120_000;
    const seed = generatedColumns(SEED, rows, 3).map((c) => (c.dtype.startsWith('|S') ? dictionaryColumn(c) : c));
    const { early, final } = widening(rows, 70_000);
    const other = generatedColumns([{ name: 'id', dtype: '<i8' }], rows, 4);
    const steps = (cols: (widened: boolean) => MemoryColumn[]): Step[] =>
      [1, 999, 40_000, 65_000, 90_000, rows].map((r) => ({ rows: r, columns: cols(r > 70_000) }));
    const first = growing('first', steps(() => seed));
    const middle = memorySource('middle', 5_000, generatedColumns([{ name: 'v', dtype: '<f4' }, { name: 's', dtype: '|S3' }], 5_000, 5));
    const last = growing('last', steps((widened) => [...other, widened ? final : early]));
    const file = fresh();
    const progress: { bytesWritten: number; bytesTotal: number }[] = [];
    const result = await exportHdf5([first, middle, last], { destination: file, layout, compression: { kind: 'none' }, blockBytes: 1 << 16, onProgress: (p) => progress.push(p) });

    expect(first.taken).toBe(6);
    expect(last.taken).toBe(6);
    expect(result.datasets.map((d) => d.rows)).toEqual(layout === 'compound' ? [rows, 5_000, rows] : [...SEED.map(() => rows), 5_000, 5_000, rows, rows]);
    expect(progress.at(-1)!.bytesWritten).toBe(progress.at(-1)!.bytesTotal);
    const expected = [
      expectFromSource(dir, '/first', layout, memorySource('first', rows, seed), { contiguous: true }),
      expectFromSource(dir, '/middle', layout, middle, { contiguous: true }),
      expectFromSource(dir, '/last', layout, memorySource('last', rows, [...other, final]), { contiguous: true }),
    ];
    expect(h5pyErrors(dir, file, expected, ['first', 'middle', 'last'])).toEqual([]);
    // h5dump reads the metadata that follows the rows.
    expect(h5dumpHeader(file)).toContain(layout === 'compound' ? 'H5T_COMPOUND' : 'GROUP "last"');
    expect(leftovers()).toEqual([]);
  });
});

describe('a table that stops loading', () => {
  const rows = 50_000;
  const cols = generatedColumns([{ name: 'a', dtype: '<i4' }, { name: 'b', dtype: '<f8' }], rows, 6);
  const steps: Step[] = [1_000, 20_000, 40_000, rows].map((r) => ({ rows: r, columns: cols }));

  it('fails the export with the load error, leaving no file and no temporary', async () => {
    const file = fresh();
    const table = growing('broken', steps, { failAt: 2 });
    await expect(exportHdf5([table], { destination: file, layout: 'compound', compression: { kind: 'none' }, blockBytes: 1 << 14 })).rejects.toThrow(/broken did not load: broken:7:3/);
    expect(readdirSync(dir).filter((f) => f.startsWith(file.split('/').pop()!))).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it('is cancelled by the signal while it waits for rows', async () => {
    const file = fresh();
    const controller = new AbortController();
    const table = growing('slow', steps, { onStep: (i) => i === 2 && controller.abort() });
    await expect(exportHdf5([table], { destination: file, layout: 'compound', compression: { kind: 'none' }, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(leftovers()).toEqual([]);
  });

  it('is waited for whole when the export cannot follow it (gzip): the file equals the whole table', async () => {
    const file = fresh();
    const table = growing('gz', steps);
    await exportHdf5([table], { destination: file, layout: 'compound', compression: { kind: 'gzip', level: 1 } });
    expect(table.taken).toBe(steps.length);
    const expected = expectFromSource(dir, '/gz', 'compound', memorySource('gz', rows, cols), { gzip: 1, shuffle: true });
    expect(h5pyErrors(dir, file, [expected])).toEqual([]);
  });
});
