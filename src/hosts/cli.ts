// The `arrayport` command: inspect, convert and serve, over the same store, loaders and exporter as the app.

import { runConvert } from './cli-convert.js';
import { runInspect } from './cli-inspect.js';
import { runServe } from './cli-serve.js';
import { CliUsageError, reportFailure } from './cli-output.js';
import { toolVersion } from '../core/tool-version.js';

const USAGE = `arrayport ${toolVersion()} — load big array files fast and write HDF5 that h5py reads exactly

usage:
  arrayport inspect FILE [--dtype SPEC] [--rows N] [--json]
  arrayport convert FILE... -o OUT.h5 [--dtype SPEC] [--layout compound|columns]
                    [--compression none|gzip[=LEVEL]] [--chunk-rows N] [--jobs N] [--json]
  arrayport serve [--port N] [FILE...]

inspect   detected format and dialect, each column's name, dtype and why, row count, first rows
convert   loads the files in parallel (one worker process per file) and writes them all into OUT.h5
serve     the app in your browser: listens on 127.0.0.1 only, prints its URL with a secret token

--dtype SPEC   overrides type inference, in NumPy syntax
               "[('chr','S10'),('pos','<i4'),('pct','<f4'),('c','<i4'),('t','<i4')]"
               or compact "chr:S10,pos:i4,pct:f4,c:i4,t:i4"
--compression  none (default) or gzip with level 1-9 (gzip=4); only filters stock h5py reads
--layout       compound: one dataset per input whose type is the NumPy structured dtype (default)
               columns: one group per input with one dataset per column
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'inspect':
      return runInspect(rest);
    case 'convert':
      return runConvert(rest);
    case 'serve':
      return runServe(rest);
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
