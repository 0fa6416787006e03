// `npm run bench`: Arrayport against the reference tools on generated data, side by side in one run (never part of npm test).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measure, type Measured } from './bench/measure.js';
import { writeSeedFile } from './seed-data.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000000' }, runs: { type: 'string', default: '3' } } });
const ROWS = Number(values.rows);
const RUNS = Math.max(1, Number(values.runs));
const root = join(import.meta.dirname, '..');
const dataDir = join(root, '.bench');
const SPEC = "[('chr','S10'),('pos','<i4'),('pct','<f4'),('c','<i4'),('t','<i4')]";
const PYTHON = '/usr/bin/python3';

function versions(): string {
  const py = existsSync(PYTHON)
    ? execFileSync(PYTHON, ['-c', 'import sys,numpy,h5py;print(f"python {sys.version.split()[0]}, numpy {numpy.__version__}, h5py {h5py.__version__}, HDF5 {h5py.version.hdf5_version}")']).toString().trim()
    : 'no /usr/bin/python3';
  const pkg = (dir: string): string => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  return `node ${process.version}, arrayport ${pkg(root)}, h5wasm ${pkg(join(root, 'node_modules/h5wasm'))}; ${py}; ${execFileSync('nproc').toString().trim()} cores`;
}

async function inputs(): Promise<string[]> {
  mkdirSync(dataDir, { recursive: true });
  const files = [1, 2].map((seed) => join(dataDir, `seed-${ROWS}-${seed}.tsv`));
  for (const [i, f] of files.entries()) if (!existsSync(f)) {
    process.stderr.write(`generating ${f} …\n`);
    await writeSeedFile(f, ROWS, i + 1);
  }
  return files;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (n: number): string => (n / 1e6).toFixed(0);

interface Row {
  readonly tool: string;
  readonly runs: Measured[];
  readonly inputBytes: number;
}

function table(title: string, rows: Row[], baseline: string): void {
  const base = median(rows.find((r) => r.tool === baseline)!.runs.map((r) => r.seconds));
  console.log(`\n${title}`);
  console.log(['tool'.padEnd(64), 'seconds', '  MB/s', 'peak RSS MB', 'peak shm MB', 'ratio'].join('  '));
  for (const r of rows) {
    const s = median(r.runs.map((x) => x.seconds));
    const line = [
      r.tool.padEnd(64),
      s.toFixed(2).padStart(7),
      (r.inputBytes / 1e6 / s).toFixed(0).padStart(6),
      mb(median(r.runs.map((x) => x.peakTreeRssBytes))).padStart(11),
      mb(median(r.runs.map((x) => x.peakShmBytes))).padStart(11),
      (s / base).toFixed(2).padStart(5),
    ];
    console.log(line.join('  '));
  }
}

async function repeat(command: string, args: string[], cleanup: () => void): Promise<Measured[]> {
  const runs: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    cleanup();
    const m = await measure(command, args);
    if (m.code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${m.code}`);
    runs.push(m);
  }
  cleanup();
  return runs;
}

async function main(): Promise<void> {
  console.log(`Arrayport benchmark: ${ROWS.toLocaleString('en-US')} rows per file, median of ${RUNS} runs`);
  console.log(versions());
  const files = await inputs();
  const inputBytes = files.reduce((s, f) => s + statSync(f).size, 0);
  const out = join(dataDir, 'out.h5');
  const clean = (): void => rmSync(out, { force: true });
  const arrayport = ['bin/arrayport.js', 'convert', ...files, '-o', out, '--dtype', SPEC, '--json'];
  const hasPython = existsSync(PYTHON);
  for (const compression of ['none', 'gzip'] as const) {
    const rows: Row[] = [];
    rows.push({ tool: `arrayport convert (${compression === 'gzip' ? 'gzip 4' : 'uncompressed'})`, inputBytes, runs: await repeat('node', [...arrayport, '--compression', compression === 'gzip' ? 'gzip=4' : 'none'], clean) });
    if (hasPython) {
      rows.push({ tool: `seed pipeline: loadtxt → SharedMemory → h5py (${compression === 'gzip' ? 'gzip 4 + shuffle' : 'uncompressed'})`, inputBytes, runs: await repeat(PYTHON, [join(import.meta.dirname, 'bench/seed-pipeline.py'), out, compression, ...files], clean) });
    }
    table(`convert two files → one HDF5 (${compression})`, rows, rows.length > 1 ? rows[1]!.tool : rows[0]!.tool);
  }
  const raw = 2 * ROWS * 26;
  console.log(`\nraw array bytes of the two files: ${mb(raw)} MB (S10 + 4 × 4-byte fields = 26 bytes a row)`);
}

await main();
