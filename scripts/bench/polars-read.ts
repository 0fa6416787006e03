// Child process of the ingest bench: nodejs-polars reads one seed-format file into a DataFrame; prints { seconds, rows, dtypes }.
// Run with POLARS_MAX_THREADS in the environment: polars sizes its thread pool once, when its native module loads.

import pl from 'nodejs-polars';

const file = process.argv[2];
if (!file) throw new Error('usage: polars-read.ts FILE');
const t0 = performance.now();
const df = pl.readCSV(file, { sep: '\t', hasHeader: false });
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ seconds, rows: df.height, dtypes: df.dtypes.map(String).join(' ') }));
