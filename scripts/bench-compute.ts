// `npm run bench:compute`: only issue 7's statistics, sort and filter figures of `npm run bench`.
//   node --import tsx scripts/bench-compute.ts [--rows 10000000] [--runs 3]

import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchCompute } from './bench/compute.js';
import { PYTHON, versions } from './bench/versions.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000000' }, runs: { type: 'string', default: '3' } } });
for (const line of versions()) console.log(line);
await benchCompute({ rows: Number(values.rows), runs: Math.max(1, Number(values.runs)), hasPython: existsSync(PYTHON) });
