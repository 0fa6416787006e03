// The view source in small windows and slabs, read by every writer's access pattern, against NumPy taking the columns through the index.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatasetReader, type DatasetReader } from '../store/dataset-reader.js';
import type { DatasetManifest } from '../store/manifest.js';
import { numpy } from '../store/numpy-oracle.js';
import { SegmentStore } from '../store/segment-store.js';
import { exportHdf5 } from '../hdf5/h5-export.js';
import { writeRowIndex } from '../view/row-index.js';
import { exportCsv } from './csv-writer.js';
import { exportNpy } from './npy-writer.js';
import { MAIN_COLUMNS, writeMainTable } from './test-support/awkward-table.js';
import { compareWithNumpy } from './test-support/view-truth.js';
import { viewColumnSource, type ViewSourceOptions } from './view-source.js';

const PREFIX = 'arrayporttest-viewsource';
const ROWS = 20_000;
const INDEX = 'sorted.idx.npy';
const ALL = MAIN_COLUMNS.map((c) => c.name);
const diskRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'arrayport-vsdisk-'));
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arrayport-vsout-'));
const store = SegmentStore.open({ prefix: PREFIX, diskRoot });
let table: { dir: string; manifest: DatasetManifest };
let reader: DatasetReader;

beforeAll(() => {
  table = writeMainTable(store, 'small', ROWS, 5);
  // A stable sort of the kept rows by a float32 column (NaN last), as a sorted and filtered view is.
  const idx = numpy<number[]>(`import os
d = ARGS['dir']; m = {c['name']: c['storage']['file'] for c in ARGS['columns'] if c['storage']['kind'] == 'plain'}
f4 = np.load(os.path.join(d, m['f4'])); i2 = np.load(os.path.join(d, m['i2']))
keep = np.flatnonzero(i2 % 3 != 0)
print(json.dumps(keep[np.argsort(f4[keep], kind='stable')].tolist()))`, { dir: table.dir, columns: table.manifest.columns });
  writeRowIndex(table.dir, INDEX, Uint32Array.from(idx));
  reader = openDatasetReader(table.dir, table.manifest);
});

afterAll(async () => {
  reader.close();
  await store.dispose();
  fs.rmSync(diskRoot, { recursive: true, force: true });
  fs.rmSync(outDir, { recursive: true, force: true });
  expect(fs.readdirSync('/dev/shm').filter((n) => n.startsWith(PREFIX))).toEqual([]);
});

/** Windows of ~300 rows gathered in 4 KiB slabs: many windows, many slabs per window. */
function source(view: ViewSourceOptions['view'] = { indexFile: INDEX }): ReturnType<typeof viewColumnSource> {
  return viewColumnSource(reader, { name: 'small', attributes: {}, view, windowBytes: 300 * 45, slabBytes: 4096 });
}

describe('viewColumnSource', () => {
  it('serves blocks that do not divide its windows, column by column and row by row, exactly', async () => {
    const npy = source();
    await exportNpy(npy, { destination: path.join(outDir, 'v.npy'), blockBytes: 97 * 45 });
    npy.close();
    const csv = source();
    await exportCsv(csv, { destination: path.join(outDir, 'v.csv'), blockRows: 131 });
    csv.close();
    const h5 = source();
    await exportHdf5([h5], { destination: path.join(outDir, 'v.h5'), layout: 'columns', compression: { kind: 'none' }, blockBytes: 4096, chunkRows: 64 });
    h5.close();
    const report = compareWithNumpy({
      dir: table.dir, manifest: table.manifest, chosen: ALL, index: INDEX,
      npy: path.join(outDir, 'v.npy'), csv: path.join(outDir, 'v.csv'), h5: path.join(outDir, 'v.h5'), h5path: '/small',
    });
    expect(report).toMatchObject({ bad: [], npyBytes: true, csvLongerThanNumpy: 0 });
    expect(report.rows).toBeGreaterThan(ROWS / 2);
  });

  it('repeats rows an index repeats, and writes an empty view as zero rows', async () => {
    writeRowIndex(table.dir, 'repeats.idx.npy', Uint32Array.from({ length: 5000 }, (_, i) => [ROWS - 3, 0, 7, 7][i % 4]! + (i % 3)));
    writeRowIndex(table.dir, 'empty.idx.npy', new Uint32Array(0));
    for (const index of ['repeats.idx.npy', 'empty.idx.npy']) {
      const s = source({ indexFile: index });
      await exportNpy(s, { destination: path.join(outDir, `${index}.npy`) });
      s.close();
      const report = compareWithNumpy({ dir: table.dir, manifest: table.manifest, chosen: ALL, index, npy: path.join(outDir, `${index}.npy`) });
      expect(report).toMatchObject({ rows: index === 'empty.idx.npy' ? 0 : 5000, npyBytes: true, npyDescr: true });
    }
  });

  it('reports the index length as its rows and the chosen columns in order', () => {
    const s = source({ indexFile: INDEX, columns: ['txt', 'f8'] });
    expect(s.columns).toEqual([{ name: 'txt', dtype: table.manifest.columns.find((c) => c.name === 'txt')!.dtype }, { name: 'f8', dtype: '<f8' }]);
    expect(s.rows).toBe(numpy<number>(`print(json.dumps(len(np.load(ARGS))))`, path.join(table.dir, INDEX)));
    s.close();
    expect(source({ columns: ['i2'] }).rows).toBe(ROWS);
  });

  it('refuses unknown, repeated or no columns before reading anything', () => {
    expect(() => source({ columns: ['f8', 'f8'] })).toThrow("column 'f8' of small is chosen twice");
    expect(() => source({ columns: [] })).toThrow('small: choose at least one column to export');
    expect(() => source({ indexFile: INDEX, columns: ['F8'] })).toThrow("small has no column 'F8'");
  });
});
