// The export table: 10M coverage rows already in the store → one uncompressed HDF5 file, by Arrayport's export job and by h5py.
// Runs scripts/bench-export.ts in a child (it prints one JSON object) so its arrays and store go away with it.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface ExportResults {
  readonly rows: number;
  readonly rawMB: number;
  readonly dtype: string;
  readonly results: Record<string, { seconds: number; mbPerSecond: number; cpuSeconds: number; runs: number[]; fileBytes: number }>;
}

export function benchExport(rows: number, runs: number, hasPython: boolean): void {
  const script = join(import.meta.dirname, '..', 'bench-export.ts');
  const args = ['--import', 'tsx', script, '--rows', String(rows), '--compression', 'none', '--reps', String(runs), ...(hasPython ? [] : ['--no-h5py'])];
  const out = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 })) as ExportResults;
  const ours = out.results['arrayport none']!;
  const h5py = out.results['h5py none'];
  console.log(`\nexport ${out.rows.toLocaleString('en-US')} rows from the store → HDF5, uncompressed compound ${out.dtype} (${out.rawMB} MB), median of ${runs}; seconds include close, fsync and rename`);
  console.log(['tool'.padEnd(64), 'seconds', '  MB/s', ' CPU s', 'speed vs h5py'].join('  '));
  const line = (tool: string, r: { seconds: number; mbPerSecond: number; cpuSeconds: number }): void =>
    console.log([tool.padEnd(64), r.seconds.toFixed(2).padStart(7), r.mbPerSecond.toFixed(0).padStart(6), r.cpuSeconds.toFixed(2).padStart(6),
      h5py ? `${(h5py.seconds / r.seconds).toFixed(2)}×`.padStart(13) : ''].join('  '));
  line('arrayport export job (segments → contiguous compound)', ours);
  if (h5py) line('h5py create_dataset(data=structured array)', h5py);
}
