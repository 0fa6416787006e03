// The convert tables: two seed-format files → one HDF5 by `arrayport convert` and by the seed's own pipeline (loadtxt → SharedMemory → h5py).

import { join } from 'node:path';
import { rmSync, statSync } from 'node:fs';
import { measure, type Measured } from './measure.js';
import { SEED_DTYPE } from './ingest.js';
import { printTable, type Row } from './table.js';
import { PYTHON } from './versions.js';

const root = join(import.meta.dirname, '../..');

async function repeat(runs: number, command: string, args: string[], cleanup: () => void): Promise<Measured[]> {
  const out: Measured[] = [];
  for (let i = 0; i < runs; i++) {
    cleanup();
    const m = await measure(command, args);
    if (m.code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${m.code}`);
    out.push(m);
  }
  cleanup();
  return out;
}

/** Wall time of the whole command; peak RSS of its process tree; peak shm of its segments or SharedMemory blocks. */
export async function benchConvert(files: readonly string[], inputBytes: number, rowsPerFile: number, runs: number, hasPython: boolean, workDir: string): Promise<void> {
  const out = join(workDir, 'out.h5');
  const clean = (): void => rmSync(out, { force: true });
  const arrayport = [join(root, 'bin/arrayport.js'), 'convert', ...files, '-o', out, '--dtype', SEED_DTYPE, '--json'];
  for (const compression of ['none', 'gzip'] as const) {
    const rows: Row[] = [];
    const seed = `seed pipeline: loadtxt → SharedMemory → h5py (${compression === 'gzip' ? 'gzip 4 + shuffle' : 'uncompressed'})`;
    rows.push({ tool: `arrayport convert (${compression === 'gzip' ? 'gzip 4' : 'uncompressed'})`, inputBytes, runs: await repeat(runs, 'node', [...arrayport, '--compression', compression === 'gzip' ? 'gzip=4' : 'none'], clean) });
    if (hasPython) rows.push({ tool: seed, inputBytes, runs: await repeat(runs, PYTHON, [join(import.meta.dirname, 'seed-pipeline.py'), out, compression, ...files], clean) });
    printTable(`convert two files → one HDF5 (${compression}), median of ${runs}`, rows, hasPython ? seed : rows[0]!.tool);
  }
  // One file, the common case: its table is written while it loads, so the export hides behind the parse.
  const one = [join(root, 'bin/arrayport.js'), 'convert', files[0]!, '-o', out, '--dtype', SEED_DTYPE, '--json', '--compression', 'none'];
  const seedOne = 'seed pipeline: loadtxt → SharedMemory → h5py (uncompressed)';
  const rows: Row[] = [{ tool: 'arrayport convert (uncompressed)', inputBytes: statSync(files[0]!).size, runs: await repeat(runs, 'node', one, clean) }];
  if (hasPython) rows.push({ tool: seedOne, inputBytes: statSync(files[0]!).size, runs: await repeat(runs, PYTHON, [join(import.meta.dirname, 'seed-pipeline.py'), out, 'none', files[0]!], clean) });
  printTable(`convert one file → HDF5 (none), median of ${runs}`, rows, hasPython ? seedOne : rows[0]!.tool);
  console.log(`raw array bytes of the two files: ${((files.length * rowsPerFile * 26) / 1e6).toFixed(0)} MB (S10 + 4 × 4-byte fields = 26 bytes a row)`);
}
