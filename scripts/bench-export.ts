// HDF5 export throughput next to h5py writing the same structured array; prints one JSON object.
//   node --import tsx scripts/bench-export.ts [--rows 10000000] [--layout compound|columns]
//     [--compression none,gzip=1,gzip=4] [--source store|memory] [--reps 3] [--no-h5py]
// 'store' exports through the export job (segment store in /dev/shm, positional reads, dictionary
// strings), as the app does; 'memory' hands the arrays to exportHdf5 directly.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runExportJob } from '../src/core/export-job.js';
import type { Compression } from '../src/core/hdf5/h5-dataset-writer.js';
import { exportHdf5 } from '../src/core/hdf5/h5-export.js';
import { memorySource } from '../src/core/hdf5/memory-source.testing.js';
import { DatasetWriter } from '../src/core/store/dataset-writer.js';
import { SegmentStore } from '../src/core/store/segment-store.js';

const PYTHON = '/usr/bin/python3';
const ROW_BYTES = 26;
const CHROMS = [...Array.from({ length: 22 }, (_, i) => `chr${i + 1}`), 'chrX'];

interface Columns { chr: Uint8Array; chrOffsets: Int32Array; chrFixed: Uint8Array; pos: Int32Array; pct: Float32Array; c: Int32Array; t: Int32Array }

/** Coverage-like rows (S10,i4,f4,i4,i4): chromosomes in blocks, rising positions, small counts (as h5-export.bench.test.ts). */
function coverageColumns(rows: number): Columns {
  const chrFixed = new Uint8Array(rows * 10);
  const chrOffsets = new Int32Array(rows + 1);
  const pos = new Int32Array(rows);
  const pct = new Float32Array(rows);
  const c = new Int32Array(rows);
  const t = new Int32Array(rows);
  let x = 12345;
  const next = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  const perChr = Math.ceil(rows / CHROMS.length);
  const packed = new Uint8Array(rows * 10);
  for (let r = 0; r < rows; r++) {
    const name = CHROMS[Math.floor(r / perChr)]!;
    for (let i = 0; i < name.length; i++) {
      chrFixed[r * 10 + i] = name.charCodeAt(i);
      packed[chrOffsets[r]! + i] = name.charCodeAt(i);
    }
    chrOffsets[r + 1] = chrOffsets[r]! + name.length;
    pos[r] = (r % perChr) * 7 + 10_000 + (next() % 5);
    c[r] = next() % 40;
    t[r] = next() % 40;
    pct[r] = c[r]! + t[r]! === 0 ? 0 : (100 * c[r]!) / (c[r]! + t[r]!);
  }
  return { chr: packed.subarray(0, chrOffsets[rows]), chrOffsets, chrFixed, pos, pct, c, t };
}

/** Loads the columns into a store dataset as a loader would (chr becomes a dictionary column). */
function storeDataset(store: SegmentStore, cols: Columns, rows: number): { dir: string; manifest: DatasetWriter['current'] } {
  const { dir } = store.createDataset({ name: 'coverage.txt', sourcePath: '/bench/coverage.txt', sourceBytes: 1, format: 'text', estimatedBytes: rows * 30 });
  const w = new DatasetWriter(dir);
  w.begin([{ name: 'chr', dtype: '|S10', reason: '' }, ...['pos', 'pct', 'c', 't'].map((name) => ({ name, dtype: name === 'pct' ? '<f4' : '<i4', reason: '' }))]);
  const batch = 1 << 16;
  for (let at = 0; at < rows; at += batch) {
    const n = Math.min(batch, rows - at);
    const offsets = cols.chrOffsets.slice(at, at + n + 1).map((o) => o - cols.chrOffsets[at]!);
    w.append(n, [
      { kind: 'strings', bytes: cols.chr.subarray(cols.chrOffsets[at]!, cols.chrOffsets[at + n]!), offsets },
      ...[cols.pos, cols.pct, cols.c, cols.t].map((a) => ({ kind: 'fixed' as const, data: a.subarray(at, at + n) })),
    ]);
  }
  w.finish();
  return { dir, manifest: w.current };
}

const PY = String.raw`
import sys, time, os, json, numpy as np, h5py
d, rows, layout, labels, chr_dtype = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4].split(','), sys.argv[5]
dt = np.dtype([('chr',chr_dtype),('pos','<i4'),('pct','<f4'),('c','<i4'),('t','<i4')])
a = np.empty(rows, dt)
for n in dt.names: a[n] = np.fromfile(os.path.join(d, n + '.bin'), dtype='S10' if n == 'chr' else dt[n])
kw = {'none': {}, 'gzip1': dict(compression='gzip', compression_opts=1), 'gzip4': dict(compression='gzip', compression_opts=4),
      'gzip1+shuffle': dict(compression='gzip', compression_opts=1, shuffle=True), 'gzip4+shuffle': dict(compression='gzip', compression_opts=4, shuffle=True)}
out = {}
for label in labels:
    p = os.path.join(d, 'py.h5'); os.sync()
    t0, c0 = time.perf_counter(), time.process_time()
    with h5py.File(p, 'w') as f:
        # Uncompressed is contiguous, as both h5py and arrayport write it by default; compressed is chunked (~2 MiB).
        chunked = lambda itemsize: {} if label == 'none' else dict(chunks=(min(rows, max(1, (2 << 20) // itemsize)),), maxshape=(None,))
        if layout == 'compound': f.create_dataset('coverage', data=a, **chunked(dt.itemsize), **kw[label])
        else:
            g = f.create_group('coverage')
            for n in dt.names: g.create_dataset(n, data=a[n], **chunked(dt[n].itemsize), **kw[label])
    t1 = time.perf_counter()
    fd = os.open(p, os.O_RDONLY); os.fsync(fd); os.close(fd)
    out[label] = dict(write=t1 - t0, total=time.perf_counter() - t0, cpu=time.process_time() - c0, bytes=os.path.getsize(p))
    os.remove(p)
print(json.dumps(out))
`;

function compressionOf(label: string): Compression {
  const m = /^gzip=?(\d)$/.exec(label);
  if (label === 'none') return { kind: 'none' };
  if (!m) throw new Error(`--compression takes none, gzip=1 … gzip=9; got '${label}'`);
  return { kind: 'gzip', level: Number(m[1]) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '10000000' },
      layout: { type: 'string', default: 'compound' },
      compression: { type: 'string', default: 'none,gzip=1,gzip=4' },
      source: { type: 'string', default: 'store' },
      reps: { type: 'string', default: '3' },
      'no-h5py': { type: 'boolean', default: false },
    },
  });
  const rows = Number(values.rows);
  const reps = Number(values.reps);
  const layout = values.layout as 'compound' | 'columns';
  if (layout !== 'compound' && layout !== 'columns') throw new Error(`--layout must be compound or columns`);
  const labels = values.compression.split(',');
  const compressions = labels.map(compressionOf);
  const dir = mkdtempSync(join(tmpdir(), 'arrayport-bench-export-'));
  const store = SegmentStore.open({ prefix: 'arrayport-bench', diskRoot: dir });
  try {
    const cols = coverageColumns(rows);
    const source = memorySource('coverage', rows, [
      { name: 'chr', dtype: '|S10', data: { width: 10, bytes: cols.chrFixed } }, { name: 'pos', dtype: '<i4', data: cols.pos },
      { name: 'pct', dtype: '<f4', data: cols.pct }, { name: 'c', dtype: '<i4', data: cols.c }, { name: 't', dtype: '<i4', data: cols.t },
    ]);
    const stored = values.source === 'store' ? storeDataset(store, cols, rows) : undefined;
    // The store keeps strings as wide as the longest value (|S5 here): h5py writes the same dtype.
    const chrDtype = stored ? stored.manifest.columns[0]!.dtype.slice(1) : 'S10';
    const rowBytes = ROW_BYTES - 10 + Number(chrDtype.slice(1));
    const runs: Record<string, { seconds: number; cpu: number; bytes: number }[]> = {};
    const add = (k: string, seconds: number, cpu: number, bytes: number): void => void (runs[k] ??= []).push({ seconds, cpu, bytes });
    const pyLabels = [...new Set(labels.flatMap((l) => (l === 'none' ? ['none'] : [`gzip${l.slice(-1)}`, `gzip${l.slice(-1)}+shuffle`])))];
    if (!values['no-h5py']) {
      const arrays = { chr: cols.chrFixed, pos: cols.pos, pct: cols.pct, c: cols.c, t: cols.t };
      for (const [name, data] of Object.entries(arrays)) writeFileSync(join(dir, `${name}.bin`), new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    }
    for (let rep = 0; rep < reps; rep++) {
      for (const [i, compression] of compressions.entries()) {
        const destination = join(dir, 'out.h5');
        execFileSync('sync');
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const r = stored
          ? await runExportJob({ datasets: [stored], destination, layout, compression: compression.kind === 'gzip' ? { kind: 'gzip', level: compression.level! } : { kind: 'none' } }, () => {})
          : await exportHdf5([source], { destination, layout, compression });
        const cpu = process.cpuUsage(c0);
        add(`arrayport ${labels[i]}`, (performance.now() - t0) / 1000, (cpu.user + cpu.system) / 1e6, r.fileBytes);
        rmSync(destination);
      }
      if (!values['no-h5py']) {
        const py = JSON.parse(execFileSync(PYTHON, ['-c', PY, dir, String(rows), layout, pyLabels.join(','), chrDtype], { encoding: 'utf8' })) as Record<string, { total: number; cpu: number; bytes: number }>;
        for (const [label, v] of Object.entries(py)) add(`h5py ${label}`, v.total, v.cpu, v.bytes);
      }
    }
    const mb = (rows * rowBytes) / 1e6;
    const results = Object.fromEntries(Object.entries(runs).map(([k, vs]) => {
      const s = median(vs.map((v) => v.seconds));
      const cpu = median(vs.map((v) => v.cpu));
      return [k, {
        seconds: Number(s.toFixed(3)), mbPerSecond: Number((mb / s).toFixed(1)), cpuSeconds: Number(cpu.toFixed(3)),
        runs: vs.map((v) => Number(v.seconds.toFixed(3))), fileBytes: vs[0]!.bytes,
      }];
    }));
    process.stdout.write(`${JSON.stringify({ rows, rawMB: Number(mb.toFixed(1)), dtype: `[('chr','${chrDtype}'),('pos','<i4'),('pct','<f4'),('c','<i4'),('t','<i4')]`, layout, source: values.source, reps, note: 'medians; seconds are wall time incl. close, fsync and rename; cpuSeconds is the process CPU time (less sensitive to a loaded machine)', results })}\n`);
  } finally {
    await store.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
