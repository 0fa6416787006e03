// `npm run bench`: Arrayport against the reference tools on generated data, side by side in one run (never part of npm test).
//   npm run bench -- [--rows 10000000] [--runs 3] [--only ingest,convert,export,interactive,compute]

import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchCompute } from './bench/compute.js';
import { benchConvert } from './bench/convert.js';
import { benchExport } from './bench/export.js';
import { benchIngest } from './bench/ingest.js';
import { benchInteractive, printInteractive } from './bench/interactive.js';
import { PYTHON, versions } from './bench/versions.js';
import { writeSeedFile } from './seed-data.js';

const SECTIONS = ['ingest', 'convert', 'export', 'interactive', 'compute'] as const;
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string', default: SECTIONS.join(',') },
  },
});
const ROWS = Number(values.rows);
const RUNS = Math.max(1, Number(values.runs));
const only = new Set(values.only.split(','));
const dataDir = join(import.meta.dirname, '..', '.bench');

/** Seed-format inputs, generated once per size and kept in .bench/ (git-ignored): the generator is deterministic. */
async function seedInputs(rows: number): Promise<string[]> {
  mkdirSync(dataDir, { recursive: true });
  const files = [1, 2].map((seed) => join(dataDir, `seed-${rows}-${seed}.tsv`));
  for (const [i, f] of files.entries()) if (!existsSync(f)) {
    process.stderr.write(`generating ${f} …\n`);
    await writeSeedFile(f, rows, i + 1);
  }
  return files;
}

console.log(`Arrayport benchmark: ${ROWS.toLocaleString('en-US')} rows per file, median of ${RUNS} runs`);
for (const line of versions()) console.log(line);
const files = await seedInputs(ROWS);
const hasPython = existsSync(PYTHON);
if (only.has('ingest')) await benchIngest(files[0]!, statSync(files[0]!).size, RUNS, hasPython);
if (only.has('convert')) await benchConvert(files, files.reduce((s, f) => s + statSync(f).size, 0), ROWS, RUNS, hasPython, dataDir);
if (only.has('export')) benchExport(ROWS, RUNS, hasPython);
if (only.has('interactive')) printInteractive(await benchInteractive({ seedFile: files[0]! }));
if (only.has('compute')) await benchCompute({ rows: ROWS, runs: RUNS, hasPython });
