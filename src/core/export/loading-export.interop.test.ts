// The export job on tables still loading: HDF5 follows the commits, .npy and CSV wait; either way the file equals an export of the loaded table.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportFormat } from '../../shared/export-request.js';
import { runExportJob, type ExportJobRequest } from '../export-job.js';
import type { DatasetWriter } from '../store/dataset-writer.js';
import { readManifest } from '../store/manifest-file.js';
import { useTempStore } from '../store/test-support/temp-store.js';

const PYTHON = '/usr/bin/python3';
const temp = useTempStore('arrayporttest-loadexport');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arrayport-lxout-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const BATCH = 20_000;
const BATCHES = 8;
const CHROMS = ['chr1', 'chr2', 'chrX', 'chr10'];

/** Batch b of a coverage-like table: chr strings, an int column that needs int64 from batch 5 on, a float column. */
function batch(b: number, wide: boolean) {
  const chr = CHROMS.map((c) => Buffer.from(c, 'latin1'));
  const offsets = new Int32Array(BATCH + 1);
  const parts: Buffer[] = [];
  const pos = wide ? new BigInt64Array(BATCH) : new Int32Array(BATCH);
  const pct = new Float64Array(BATCH);
  for (let k = 0; k < BATCH; k++) {
    const r = b * BATCH + k;
    const s = chr[(r >> 9) % chr.length]!;
    parts.push(s);
    offsets[k + 1] = offsets[k]! + s.length;
    if (wide) (pos as BigInt64Array)[k] = b >= 5 ? 2n ** 33n + BigInt(r) : BigInt(r * 3);
    else (pos as Int32Array)[k] = r * 3;
    pct[k] = (r % 1000) / 7;
  }
  return [
    { kind: 'strings' as const, bytes: new Uint8Array(Buffer.concat(parts)), offsets },
    { kind: 'fixed' as const, data: pos },
    { kind: 'fixed' as const, data: pct },
  ];
}

/** Writes the table a batch at a time with a commit after each, as a loader does; widens `pos` before batch 5. */
async function load(w: DatasetWriter, failAt?: number): Promise<void> {
  for (let b = 0; b < BATCHES; b++) {
    if (b === failAt) {
      w.fail({ file: '/data/cov.tsv', line: b * BATCH + 2, column: 9, message: 'expected a number', text: 'n/a' });
      return;
    }
    if (b === 5) w.widen(1, '<i8', 'a value needs 64 bits');
    w.append(BATCH, batch(b, b >= 5));
    w.commit();
    await sleep(5);
  }
  w.finish();
}

function started(): DatasetWriter {
  const w = temp.writer('cov.tsv');
  w.begin([{ name: 'chr', dtype: '|S5', reason: '' }, { name: 'pos', dtype: '<i4', reason: '' }, { name: 'pct', dtype: '<f8', reason: '' }]);
  return w;
}

function request(dir: string, format: ExportFormat, file: string, loading: boolean): ExportJobRequest {
  return { datasets: [{ dir, manifest: readManifest(dir), ...(loading ? { loading } : {}) }], destination: path.join(outDir, file), layout: 'compound', compression: { kind: 'none' }, format };
}

/** The two files' rows as NumPy reads them, compared byte for byte (and the dtype). */
function same(format: ExportFormat, a: string, b: string): string {
  const read = format === 'hdf5'
    ? "import h5py\ndef r(p):\n    f = h5py.File(p, 'r'); return f[list(f)[0]][...]"
    : format === 'npy' ? 'def r(p): return np.load(p)' : "def r(p): return np.genfromtxt(p, delimiter=',', names=True, dtype=None, encoding='utf-8')";
  const script = `import sys, numpy as np\n${read}\nx, y = r(sys.argv[1]), r(sys.argv[2])\nprint('same' if x.dtype == y.dtype and x.shape == y.shape and x.tobytes() == y.tobytes() else f'differ: {x.dtype} {x.shape} vs {y.dtype} {y.shape}', x.shape[0], x.dtype)`;
  return execFileSync(PYTHON, ['-c', script, path.join(outDir, a), path.join(outDir, b)], { encoding: 'utf8' }).trim();
}

const leftovers = (): string[] => fs.readdirSync(outDir).filter((f) => f.endsWith('.partial'));

describe('exporting a table while it loads', () => {
  it.each(['hdf5', 'npy', 'csv'] as const)('%s: equals the export of the loaded table, a column widened mid-load included', async (format) => {
    const w = started();
    let loaded = false;
    const early: number[] = [];
    const job = runExportJob(request(w.dir, format, `loading.${format}`, true), (p) => loaded || early.push(p.bytesWritten));
    await load(w);
    loaded = true;
    await job;
    // HDF5 wrote rows before the load ended; .npy and CSV waited for it.
    if (format === 'hdf5') expect(early.length).toBeGreaterThan(0);
    else expect(early).toEqual([]);
    await runExportJob(request(w.dir, format, `loaded.${format}`, false), () => {});
    expect(same(format, `loading.${format}`, `loaded.${format}`)).toMatch(new RegExp(`^same ${BATCH * BATCHES} `));
    expect(same(format, `loading.${format}`, `loaded.${format}`)).toContain('i8');
    expect(leftovers()).toEqual([]);
  });

  it('fails with the load error (file, line, column) when the load fails, and leaves no file', async () => {
    const w = started();
    const job = runExportJob(request(w.dir, 'hdf5', 'failed.h5', true), () => {});
    const outcome = job.then(() => 'written', (e: Error) => e.message);
    await load(w, 3);
    expect(await outcome).toBe("cov.tsv did not load: /data/cov.tsv:60002:9: expected a number: 'n/a'");
    expect(fs.existsSync(path.join(outDir, 'failed.h5'))).toBe(false);
    expect(leftovers()).toEqual([]);
  });
});
