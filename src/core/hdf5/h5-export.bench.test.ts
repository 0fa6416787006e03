// Throughput of the export next to h5py writing the same structured array (opt-in: ARRAYPORT_BENCH=1 npx vitest run src/core/hdf5/h5-export.bench.test.ts).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportHdf5 } from './h5-export.js';
import { PYTHON } from './h5py-check.testing.js';
import { memorySource } from './memory-source.testing.js';

const ROWS = Number(process.env.ARRAYPORT_BENCH_ROWS ?? 10_000_000);
const ROW_BYTES = 26;
const REPS = Number(process.env.ARRAYPORT_BENCH_REPS ?? 3);

/** Coverage-like rows (S10,i4,f4,i4,i4): a few chromosomes, rising positions, small counts; as compressible as real files. */
function coverageColumns(rows: number): { chr: Uint8Array; pos: Int32Array; pct: Float32Array; c: Int32Array; t: Int32Array } {
  const chr = new Uint8Array(rows * 10);
  const pos = new Int32Array(rows);
  const pct = new Float32Array(rows);
  const c = new Int32Array(rows);
  const t = new Int32Array(rows);
  let x = 12345;
  const next = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  const perChr = Math.ceil(rows / 23);
  for (let r = 0; r < rows; r++) {
    const k = Math.floor(r / perChr);
    const name = k === 22 ? 'chrX' : `chr${k + 1}`;
    for (let i = 0; i < name.length; i++) chr[r * 10 + i] = name.charCodeAt(i);
    pos[r] = (r % perChr) * 7 + 10_000 + (next() % 5);
    c[r] = next() % 40;
    t[r] = next() % 40;
    pct[r] = c[r]! + t[r]! === 0 ? 0 : (100 * c[r]!) / (c[r]! + t[r]!);
  }
  return { chr, pos, pct, c, t };
}

const PY = String.raw`
import sys, time, os, json, numpy as np, h5py
d, rows = sys.argv[1], int(sys.argv[2])
dt = np.dtype([('chr','S10'),('pos','<i4'),('pct','<f4'),('c','<i4'),('t','<i4')])
a = np.empty(rows, dt)
for n in dt.names: a[n] = np.fromfile(os.path.join(d, n + '.bin'), dtype=dt[n])
out = {}
for label, kw in [('contiguous', {}), ('chunked', dict(chunks=(65536,), maxshape=(None,))),
                  ('gzip1', dict(chunks=(65536,), maxshape=(None,), compression='gzip', compression_opts=1)),
                  ('gzip4', dict(chunks=(65536,), maxshape=(None,), compression='gzip', compression_opts=4))]:
    p = os.path.join(d, 'py_' + label + '.h5'); os.sync()
    t0 = time.perf_counter()
    with h5py.File(p, 'w') as f: f.create_dataset('coverage', data=a, **kw)
    t1 = time.perf_counter()
    fd = os.open(p, os.O_RDONLY); os.fsync(fd); os.close(fd)
    out[label] = dict(write=t1 - t0, fsync=time.perf_counter() - t1, bytes=os.path.getsize(p))
    os.remove(p)
print(json.dumps(out))
`;

describe.skipIf(!process.env.ARRAYPORT_BENCH)('export throughput', () => {
  it(`writes ${ROWS} coverage rows compound, next to h5py`, { timeout: 1_800_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arrayport-bench-'));
    try {
      const cols = coverageColumns(ROWS);
      for (const [name, data] of Object.entries(cols)) writeFileSync(join(dir, `${name}.bin`), new Uint8Array(data.buffer));
      const source = memorySource('coverage', ROWS, [
        { name: 'chr', dtype: '|S10', data: { width: 10, bytes: cols.chr } }, { name: 'pos', dtype: '<i4', data: cols.pos },
        { name: 'pct', dtype: '<f4', data: cols.pct }, { name: 'c', dtype: '<i4', data: cols.c }, { name: 't', dtype: '<i4', data: cols.t },
      ]);
      const mb = (ROWS * ROW_BYTES) / 1e6;
      // The machine is shared and noisy: interleave h5wasm and h5py runs and report medians of REPS.
      const runs: Record<string, { write: number; total: number; bytes: number }[]> = {};
      const add = (label: string, v: { write: number; total: number; bytes: number }): void => void (runs[label] ??= []).push(v);
      for (let rep = 0; rep < REPS; rep++) {
        for (const [label, compression] of [['none', { kind: 'none' }], ['gzip1', { kind: 'gzip', level: 1 }], ['gzip4', { kind: 'gzip', level: 4 }]] as const) {
          const destination = join(dir, `js_${label}.h5`);
          execFileSync('sync');
          let lastBlock = 0;
          const t0 = performance.now();
          const r = await exportHdf5([source], {
            destination, layout: 'compound', compression,
            onProgress: (p) => { if (p.bytesWritten === p.bytesTotal) lastBlock ||= performance.now(); },
          });
          add(`h5wasm ${label}`, { write: (lastBlock - t0) / 1000, total: (performance.now() - t0) / 1000, bytes: r.fileBytes });
          rmSync(destination);
        }
        const py = JSON.parse(execFileSync(PYTHON, ['-c', PY, dir, String(ROWS)], { encoding: 'utf8' })) as Record<string, { write: number; fsync: number; bytes: number }>;
        for (const [label, v] of Object.entries(py)) add(`h5py ${label}`, { write: v.write, total: v.write + v.fsync, bytes: v.bytes });
      }
      const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const lines = Object.entries(runs).map(([label, vs]) => {
        const w = median(vs.map((v) => v.write));
        const t = median(vs.map((v) => v.total));
        return `${label.padEnd(18)} ${(mb / w).toFixed(0).padStart(5)} MB/s writing (${vs.map((v) => (mb / v.write).toFixed(0)).join('/')}), ${(mb / t).toFixed(0).padStart(5)} MB/s incl. close+fsync(+rename), file ${(vs[0]!.bytes / 1e6).toFixed(0)} MB`;
      });
      console.log(`${ROWS} rows × ${ROW_BYTES} B = ${mb.toFixed(0)} MB\n${lines.join('\n')}`);
      expect(lines.length).toBe(7);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
