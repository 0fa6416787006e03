// The ingest table: one seed-format file into memory by nodejs-polars (2 threads), numpy.loadtxt and Arrayport's real store.

import { join } from 'node:path';
import { measure, type Measured } from './measure.js';
import { printTable, type Row } from './table.js';
import { PYTHON } from './versions.js';

const here = import.meta.dirname;
export const SEED_DTYPE = "[('chr','S10'),('pos','<i4'),('pct','<f4'),('c','<i4'),('t','<i4')]";

const LOADTXT = String.raw`
import sys, time, json, numpy as np
dt = np.dtype(eval(sys.argv[2]))
t0 = time.perf_counter()
a = np.loadtxt(sys.argv[1], dtype=dt, delimiter='\t')
print(json.dumps({'seconds': time.perf_counter() - t0, 'rows': len(a)}))
`;

/** Runs a child that prints its own timing as the last JSON line; the runs keep the outside memory figures. */
async function timed(command: string, args: string[], env: Record<string, string>, pick: (out: Record<string, unknown>) => number[]): Promise<Measured[][]> {
  const m = await measure(command, args, env);
  if (m.code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${m.code}`);
  const out = JSON.parse(m.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
  return pick(out).map((seconds) => [{ ...m, seconds }]);
}

async function repeat(runs: number, once: () => Promise<Measured[][]>): Promise<Measured[][]> {
  const all: Measured[][] = [];
  for (let i = 0; i < runs; i++) (await once()).forEach((m, k) => (all[k] ??= []).push(...m));
  return all;
}

/**
 * Seconds are each tool's own timing of the read (its process start and imports excluded); peak RSS is of the
 * whole process tree (for Arrayport: host and loader workers) and peak shm is the store's segments.
 */
export async function benchIngest(file: string, bytes: number, runs: number, hasPython: boolean): Promise<void> {
  const tsx = ['--import', 'tsx'];
  const polars = 'nodejs-polars readCSV (POLARS_MAX_THREADS=2)';
  const rows: Row[] = [];
  const [pl] = await repeat(runs, () => timed('node', [...tsx, join(here, 'polars-read.ts'), file], { POLARS_MAX_THREADS: '2' }, (o) => [o.seconds as number]));
  rows.push({ tool: polars, runs: pl!, inputBytes: bytes });
  // Without these hooks tsx would rewrite h5wasm (imported by the host's export code) and leave ~580 MB in the host's RSS.
  const hooks = ['--import', join(here, '../../src/core/pool/dev-load-hooks.ts')];
  const [cold, warm] = await repeat(runs, () => timed('node', [...tsx, ...hooks, join(here, 'app-ingest.ts'), file], {}, (o) => [o.cold as number, o.warm as number]));
  rows.push({ tool: 'arrayport → store, loader pool of 2 (first load: starts worker)', runs: cold!, inputBytes: bytes });
  rows.push({ tool: 'arrayport → store, loader pool of 2 (worker already running)', runs: warm!, inputBytes: bytes });
  if (hasPython) {
    const [np] = await repeat(runs, () => timed(PYTHON, ['-c', LOADTXT, file, SEED_DTYPE], {}, (o) => [o.seconds as number]));
    rows.push({ tool: 'numpy.loadtxt (seed dtype S10,i4,f4,i4,i4)', runs: np!, inputBytes: bytes });
  }
  printTable(`ingest one file (${(bytes / 1e6).toFixed(1)} MB) into memory, median of ${runs}`, rows, polars);
}
