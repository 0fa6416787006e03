// The versions of every tool the bench runs, printed above its tables.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PYTHON = '/usr/bin/python3';
export const CHROMIUM = '/usr/bin/chromium';
const root = join(import.meta.dirname, '../..');

const pkg = (name: string): string => {
  const file = name === '.' ? join(root, 'package.json') : join(root, 'node_modules', name, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : 'not installed';
};

const run = (cmd: string, args: string[]): string => {
  try {
    return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return `no ${cmd}`;
  }
};

export function versions(): string[] {
  const py = run(PYTHON, ['-c', 'import sys,numpy,h5py;print(f"python {sys.version.split()[0]}, numpy {numpy.__version__}, h5py {h5py.__version__}, HDF5 {h5py.version.hdf5_version}")']);
  return [
    `node ${process.version}, arrayport ${pkg('.')}, h5wasm ${pkg('h5wasm')}, nodejs-polars ${pkg('nodejs-polars')} (native ${pkg('nodejs-polars-linux-x64-gnu')}), @playwright/test ${pkg('@playwright/test')}`,
    `${py}; ${run(CHROMIUM, ['--version'])}`,
    `${run('nproc', [])} cores, load average ${run('cat', ['/proc/loadavg']).split(' ').slice(0, 3).join(' ')} at start`,
  ];
}
