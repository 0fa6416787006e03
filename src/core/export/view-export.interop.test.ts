// Exports of a table's view (rows through a NumPy-made index, chosen columns) to HDF5, .npy and CSV, read back by h5py/NumPy/csv.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFormat } from '../../shared/export-request.js';
import { runExportJob, type ExportJobRequest, type ExportJobView } from '../export-job.js';
import { removeStalePartials } from '../hdf5/h5-partial.js';
import { CancelledError } from '../load-error.js';
import type { DatasetManifest } from '../store/manifest.js';
import { numpy } from '../store/numpy-oracle.js';
import { SegmentStore } from '../store/segment-store.js';
import { writeRowIndex } from '../view/row-index.js';
import { MAIN_COLUMNS, writeExoticTable, writeMainTable } from './test-support/awkward-table.js';
import { compareWithNumpy } from './test-support/view-truth.js';

const PREFIX = 'arrayporttest-viewexport';
const ROWS = 200_000;
/** The index keeps two thirds of the rows. */
const KEPT = Math.floor((2 * ROWS) / 3);
const diskRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'arrayport-vxdisk-'));
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arrayport-vxout-'));
const store = SegmentStore.open({ prefix: PREFIX, diskRoot });
let main: { dir: string; manifest: DatasetManifest };
const INDEX = 'view.idx.npy';
const ALL = MAIN_COLUMNS.map((c) => c.name);

beforeAll(() => {
  main = writeMainTable(store, 'awkward.tsv', ROWS);
  // A random subset in random order: what a filter followed by a sort produces.
  const idx = numpy<number[]>('rng = np.random.default_rng(7)\nprint(json.dumps(rng.permutation(ARGS)[: (2 * ARGS) // 3].tolist()))', ROWS);
  writeRowIndex(main.dir, INDEX, Uint32Array.from(idx));
});

afterAll(async () => {
  await store.dispose();
  fs.rmSync(diskRoot, { recursive: true, force: true });
  fs.rmSync(outDir, { recursive: true, force: true });
  expect(fs.readdirSync('/dev/shm').filter((n) => n.startsWith(PREFIX))).toEqual([]);
});

function request(format: ExportFormat, file: string, view?: ExportJobView, table = main): ExportJobRequest {
  return {
    datasets: [{ ...table, ...(view ? { view } : {}) }],
    destination: path.join(outDir, file),
    layout: 'compound',
    compression: { kind: 'none' },
    format,
  };
}

function leftovers(): string[] {
  return fs.readdirSync(outDir).filter((f) => f.endsWith('.partial'));
}

describe('exporting a view', () => {
  it('writes the view to compound HDF5, .npy and CSV equal to NumPy taking the source through the index', async () => {
    const view = { indexFile: INDEX, description: 'f8 > 0 sorted by -txt' };
    const seen: number[] = [];
    const h5 = await runExportJob(request('hdf5', 'view.h5', view), (p) => seen.push(p.bytesWritten / p.bytesTotal));
    expect(h5.datasets[0]).toMatchObject({ name: '/awkward', rows: KEPT });
    expect(seen.length).toBeGreaterThan(2);
    const npy = await runExportJob(request('npy', 'view.npy', view), () => undefined);
    expect(npy.datasets[0]!.rows).toBe(KEPT);
    const csv = await runExportJob(request('csv', 'view.csv', view), () => undefined);
    const report = compareWithNumpy({
      dir: main.dir, manifest: main.manifest, chosen: ALL, index: INDEX,
      h5: path.join(outDir, 'view.h5'), h5path: '/awkward', npy: path.join(outDir, 'view.npy'), csv: path.join(outDir, 'view.csv'),
    });
    expect(report).toMatchObject({
      rows: KEPT, bad: [], npyVersion: 1, npyDescr: true, npyBytes: true, h5Names: ALL, csvHeader: ALL,
      csvRows: KEPT, csvLongerThanNumpy: 0,
      attrs: { row_selection: 'view', view: 'f8 > 0 sorted by -txt', source_rows: ROWS },
    });
    expect(fs.statSync(path.join(outDir, 'view.csv')).size).toBe(csv.fileBytes);
    expect(leftovers()).toEqual([]);
  });

  it('writes only the chosen columns in their order, readable by np.genfromtxt and np.loadtxt with the right dtype', async () => {
    const chosen = ['f4', 'i8', 'flag', 'f8', 'u8'];
    const view = { indexFile: INDEX, columns: chosen };
    await runExportJob({ ...request('hdf5', 'cols.h5', view), layout: 'columns' }, () => undefined);
    await runExportJob(request('npy', 'cols.npy', view), () => undefined);
    await runExportJob(request('csv', 'cols.csv', view), () => undefined);
    const report = compareWithNumpy({
      dir: main.dir, manifest: main.manifest, chosen, index: INDEX, numpyReaders: true,
      h5: path.join(outDir, 'cols.h5'), h5path: '/awkward', npy: path.join(outDir, 'cols.npy'), csv: path.join(outDir, 'cols.csv'),
    });
    expect(report).toMatchObject({ bad: [], npyDescr: true, npyBytes: true, csvHeader: chosen, attrs: { row_selection: 'view', source_rows: ROWS } });
    expect(JSON.parse(String(report.attrs!.column_reasons))).toEqual(Object.fromEntries(chosen.map((c) => [c, 'test'])));
    expect(report.attrs).not.toHaveProperty('view');
  });

  it('without an index writes every row in order, strings with commas, quotes and line breaks included', async () => {
    const chosen = ['txt', 'chr', 'i2'];
    await runExportJob(request('npy', 'all.npy', { columns: chosen }), () => undefined);
    await runExportJob(request('csv', 'all.csv', { columns: chosen }), () => undefined);
    await runExportJob(request('hdf5', 'all.h5', { columns: chosen }), () => undefined);
    const report = compareWithNumpy({
      dir: main.dir, manifest: main.manifest, chosen, index: null,
      npy: path.join(outDir, 'all.npy'), csv: path.join(outDir, 'all.csv'), h5: path.join(outDir, 'all.h5'), h5path: '/awkward',
    });
    expect(report).toMatchObject({ rows: ROWS, bad: [], npyBytes: true, csvRows: ROWS });
  });

  it('writes float16, complex and unicode columns to .npy and CSV exactly', async () => {
    const exotic = writeExoticTable(store, 'exotic.txt', 5000);
    const names = ['h', 'z', 'w', 'u'];
    writeRowIndex(exotic.dir, INDEX, Uint32Array.from({ length: 5000 }, (_, i) => 4999 - i));
    await runExportJob(request('npy', 'exotic.npy', { indexFile: INDEX }, exotic), () => undefined);
    await runExportJob(request('csv', 'exotic.csv', { indexFile: INDEX }, exotic), () => undefined);
    const report = compareWithNumpy({ dir: exotic.dir, manifest: exotic.manifest, chosen: names, index: INDEX, npy: path.join(outDir, 'exotic.npy'), csv: path.join(outDir, 'exotic.csv') });
    expect(report).toMatchObject({ rows: 5000, bad: [], npyDescr: true, npyBytes: true, csvLongerThanNumpy: 0 });
  });
});

describe('a failed or cancelled view export', () => {
  for (const format of ['hdf5', 'npy', 'csv'] as const) {
    it(`${format}: an unknown column fails in one line and leaves no file`, async () => {
      const req = request(format, `bad.${format}`, { indexFile: INDEX, columns: ['f8', 'nope'] });
      await expect(runExportJob(req, () => undefined)).rejects.toThrow(/^awkward has no column 'nope' \(its columns: i8, f8/);
      expect(fs.existsSync(req.destination)).toBe(false);
      expect(leftovers()).toEqual([]);
    });

    it(`${format}: cancelling after the first block leaves no file`, async () => {
      const controller = new AbortController();
      const req = request(format, `cancel.${format}`, { indexFile: INDEX });
      let blocks = 0;
      const run = runExportJob(req, () => {
        blocks++;
        controller.abort();
      }, controller.signal);
      await expect(run).rejects.toBeInstanceOf(CancelledError);
      expect(blocks).toBe(1);
      expect(fs.existsSync(req.destination)).toBe(false);
      expect(leftovers()).toEqual([]);
    });
  }

  it('npy and csv refuse more than one table in one line', async () => {
    const req: ExportJobRequest = { ...request('csv', 'two.csv'), datasets: [main, main] };
    await expect(runExportJob(req, () => undefined)).rejects.toThrow(/^a CSV export writes exactly one table; 2 tables chosen$/);
    expect(fs.existsSync(req.destination)).toBe(false);
  });

  it('a killed writer leaves a temporary that the tracker\'s sweep (removeStalePartials) removes, and no output', async () => {
    const req = request('csv', 'killed.csv', { indexFile: INDEX });
    const fixture = fileURLToPath(new URL('./test-support/export-child.fixture.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, JSON.stringify(req)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('block') && resolve());
      child.on('exit', (code) => reject(new Error(`the child exited (${code}) before its first block`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(leftovers()).toHaveLength(1);
    expect(removeStalePartials(req.destination)).toHaveLength(1);
    expect(leftovers()).toEqual([]);
    expect(fs.existsSync(req.destination)).toBe(false);
  });
});
