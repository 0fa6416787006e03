// Issue 7's engines on a 10M-row float64 column next to NumPy doing the same: statistics, stable sort and a filter, in one table.
// Arrayport's figures are the engine calls a compute worker makes (in this process, no IPC); NumPy's are timed in Python
// on the same .npy segment loaded into memory first. The sort order and the filter's row count are checked against NumPy.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeStats } from '../../src/core/stats/column-stats.js';
import { openDatasetReader } from '../../src/core/store/dataset-reader.js';
import { DatasetWriter } from '../../src/core/store/dataset-writer.js';
import { SegmentStore } from '../../src/core/store/segment-store.js';
import { compileFilter } from '../../src/core/view/filter-compile.js';
import { runFilter } from '../../src/core/view/filter-run.js';
import { sortRows } from '../../src/core/view/sort-rows.js';
import { median } from './table.js';
import { PYTHON } from './versions.js';

const FILTER = 'x > 0.5';
const NAN_EVERY = 97;

const NUMPY = String.raw`
import sys, time, json, numpy as np
x = np.load(sys.argv[1]); runs = int(sys.argv[2]); ours = np.fromfile(sys.argv[3], dtype='<u4')
def timed(f):
    t = []
    for _ in range(runs):
        t0 = time.perf_counter(); r = f(); t.append(time.perf_counter() - t0)
    return sorted(t)[len(t) // 2], r
def stats():
    f = x[np.isfinite(x)]
    return np.nanmin(x), np.nanmax(x), np.nanmean(x), np.nanstd(x), np.histogram(f, 50)
out = {}
out['stats'], _ = timed(stats)
out['sort values'], _ = timed(lambda: np.sort(x, kind='stable'))
out['sort'], order = timed(lambda: np.argsort(x, kind='stable'))
out['filter'], kept = timed(lambda: np.flatnonzero(x > 0.5))
out['mask'], _ = timed(lambda: x > 0.5)
print(json.dumps({'seconds': out, 'sortEqual': bool(np.array_equal(order, ours)), 'kept': int(len(kept))}))
`;

interface NumpyResult {
  readonly seconds: Record<string, number>;
  readonly sortEqual: boolean;
  readonly kept: number;
}

/** Deterministic values in [-1, 1) with every 97th row NaN (mulberry32, as the seed files). */
function column(rows: number): Float64Array {
  const x = new Float64Array(rows);
  let a = 12345;
  for (let i = 0; i < rows; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    x[i] = i % NAN_EVERY === 0 ? NaN : (((t ^ (t >>> 14)) >>> 0) / 2 ** 31) - 1;
  }
  return x;
}

function time<T>(runs: number, f: () => T): { seconds: number; result: T } {
  const t: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = f();
    t.push((performance.now() - t0) / 1000);
  }
  return { seconds: median(t), result };
}

export async function benchCompute(o: { rows: number; runs: number; hasPython: boolean }): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'arrayport-bench-compute-'));
  const store = SegmentStore.open({ prefix: 'arrayport-bench', diskRoot: tmp });
  try {
    const { dir } = store.createDataset({ name: 'x', sourcePath: '/bench/x', sourceBytes: o.rows * 8, format: 'npy', estimatedBytes: o.rows * 8 });
    const w = new DatasetWriter(dir);
    w.begin([{ name: 'x', dtype: '<f8', reason: 'bench' }]);
    const x = column(o.rows);
    for (let at = 0; at < o.rows; at += 1 << 20) w.append(Math.min(1 << 20, o.rows - at), [{ kind: 'fixed', data: x.subarray(at, at + (1 << 20)) }]);
    w.finish();
    const reader = openDatasetReader(dir);
    try {
      const stats = time(o.runs, () => computeStats(reader, { columns: ['x'], bins: 50 }));
      const sort = time(o.runs, () => sortRows(reader, [{ column: 'x' }]));
      const filter = time(o.runs, () => runFilter(reader, compileFilter(FILTER, reader.manifest.columns)));
      const ours = { stats: stats.seconds, sort: sort.seconds, filter: filter.seconds };
      let np: NumpyResult | null = null;
      if (o.hasPython) {
        const orderFile = join(tmp, 'order.u4');
        writeFileSync(orderFile, new Uint8Array(sort.result.buffer, sort.result.byteOffset, sort.result.byteLength));
        np = JSON.parse(execFileSync(PYTHON, ['-c', NUMPY, join(dir, 'x.npy'), String(o.runs), orderFile], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').at(-1)!) as NumpyResult;
      }
      const mb = (o.rows * 8) / 1e6;
      console.log(`\nissue 7 engines on one float64 column of ${o.rows.toLocaleString('en-US')} rows (${mb.toFixed(0)} MB, every ${NAN_EVERY}th NaN), median of ${o.runs}, one process`);
      console.log(['operation'.padEnd(30), 'arrayport s', '  MB/s', 'NumPy doing the same'.padEnd(58), 'NumPy s', 'ratio'].join('  '));
      const line = (op: string, ours: number, what: string, theirs: number | undefined): void =>
        console.log([op.padEnd(30), ours.toFixed(3).padStart(11), (mb / ours).toFixed(0).padStart(6), what.padEnd(58), (theirs?.toFixed(3) ?? '–').padStart(7), (theirs ? (ours / theirs).toFixed(2) : '–').padStart(5)].join('  '));
      line('statistics (computeStats)', ours.stats, 'nanmin/nanmax/nanmean/nanstd + histogram(50) of finite', np?.seconds.stats);
      line('stable sort → row index', ours.sort, "argsort(kind='stable')", np?.seconds.sort);
      line('', ours.sort, "sort(kind='stable') (values only)", np?.seconds['sort values']);
      line(`filter '${FILTER}' → row index`, ours.filter, 'flatnonzero(x > 0.5)', np?.seconds.filter);
      line('', ours.filter, 'x > 0.5 (boolean mask only)', np?.seconds.mask);
      const [s] = stats.result;
      console.log(`computeStats also counts distinct values and NaN; checks: sort order ${np ? (np.sortEqual ? 'equals' : 'DIFFERS FROM') : 'not compared with'} NumPy's argsort, filter kept ${filter.result.length.toLocaleString('en-US')} rows${np ? ` (NumPy ${np.kept.toLocaleString('en-US')})` : ''}, mean ${s?.mean?.toFixed(6)}`);
    } finally {
      reader.close();
    }
  } finally {
    await store.dispose();
    rmSync(tmp, { recursive: true, force: true });
  }
}
