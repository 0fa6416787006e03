// The `arrayport` command: inspect, convert and serve, over the same store, loaders and exporter as the app.

import { CliUsageError, reportFailure } from './cli-output.js';
import { toolVersion } from '../core/tool-version.js';

const USAGE = `arrayport ${toolVersion()} — load big array files fast and write HDF5 that h5py reads exactly

usage:
  arrayport inspect FILE [--dtype SPEC] [--rows N] [--stats [--bins N]] [--json]
  arrayport convert FILE... -o OUT [--dtype SPEC] [--where EXPR] [--sort COLS] [--columns LIST]
                    [--format hdf5|npy|csv] [--layout compound|columns]
                    [--compression none|gzip[=LEVEL]] [--chunk-rows N] [--jobs N] [--json]
  arrayport serve [--port N] [FILE...]

inspect   detected format and dialect, each column's name, dtype and why, row count, first rows;
          --stats adds count, missing, min, max, mean, std, distinct, top values and a histogram
          (--bins, default 50) per column
convert   loads the files in parallel (one worker process per file) and writes them all into OUT
          (HDF5; or one table as a .npy structured array or CSV), filtered, sorted and cut to
          the chosen columns when asked
serve     the app in your browser: listens on 127.0.0.1 only, prints its URL with a secret token

--dtype SPEC   overrides type inference, in NumPy syntax
               "[('chr','S10'),('pos','<i4'),('pct','<f4'),('c','<i4'),('t','<i4')]"
               or compact "chr:S10,pos:i4,pct:f4,c:i4,t:i4"
--compression  none (default, contiguous datasets) or gzip with level 1-9 (gzip=4), with shuffle;
               only filters stock h5py reads
--layout       compound: one dataset per input whose type is the NumPy structured dtype (default)
               columns: one group per input with one dataset per column
--where EXPR   keeps the rows where EXPR holds: 'pct > 50 and chr == "chr1"', 'c + t >= 10', 'isnan(x)'
--sort COLS    orders rows by a comma list of columns: 'chr,-pct' ('-col' or 'col:desc' descending),
               stable, NaN last
--columns LIST writes only these columns, in this order: 'chr,pos,pct'
--format       hdf5, npy or csv; default from OUT's extension (.npy, .csv, else hdf5). npy and csv
               write one table: a structured array np.load reads, or comma-separated text with a header
               line, RFC 4180 quoting and floats that read back exactly (bool as True/False)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Each command is imported when it runs: serve's web server and inspect's HDF5 reader would add ~0.35 s to the
  // start of every convert.
  switch (command) {
    case 'inspect':
      return (await import('./cli-inspect.js')).runInspect(rest);
    case 'convert': {
      // The loader and the exporter every convert uses start now, while the rest of the CLI loads: a worker takes
      // ~0.15 s to start, and convert's own modules ~70 ms more before it could ask for one.
      const [{ forkEarly }, { nodeWorkerEntries }] = await Promise.all([import('../core/pool/fork-spawner.js'), import('./worker-entries.js')]);
      const entries = nodeWorkerEntries();
      const started = { loader: [forkEarly(entries, 'loader')], export: [forkEarly(entries, 'export')] };
      try {
        return await (await import('./cli-convert.js')).runConvert(rest, { entries, started });
      } finally {
        // Those no pool took (a usage error stops convert before its pools exist).
        for (const child of [...started.loader, ...started.export]) child.kill('SIGKILL');
      }
    }
    case 'serve':
      return (await import('./cli-serve.js')).runServe(rest);
    case '--version':
    case '-V':
      console.log(toolVersion());
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new CliUsageError(`unknown command '${command}' (try arrayport --help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.exitCode = reportFailure(e);
  },
);
