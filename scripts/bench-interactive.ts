// `npm run bench:interactive`: only the browser-host timings of `npm run bench` (needs `npm run build` and /usr/bin/chromium).
//   node --import tsx scripts/bench-interactive.ts [--seed FILE] [--first-runs 5] [--goto-runs 10] [--goto-rows 100000000]

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchInteractive, printInteractive } from './bench/interactive.js';
import { writeSeedFile } from './seed-data.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: join(import.meta.dirname, '..', '.bench', 'seed-10000000-1.tsv') },
    'first-runs': { type: 'string', default: '5' },
    'goto-runs': { type: 'string', default: '10' },
    'goto-rows': { type: 'string', default: '100000000' },
    'settle-ms': { type: 'string', default: '1000' },
  },
});
if (!existsSync(values.seed)) await writeSeedFile(values.seed, 10_000_000, 1);
printInteractive(await benchInteractive({
  seedFile: values.seed,
  firstRowsRuns: Number(values['first-runs']),
  goToRuns: Number(values['goto-runs']),
  goToRows: Number(values['goto-rows']),
  settleMs: Number(values['settle-ms']),
}));
