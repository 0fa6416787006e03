// `arrayport convert FILE... -o OUT.h5`: loads the files in parallel (a worker process each) and writes them all into one HDF5 file.

import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { DatasetInfo } from '../shared/dataset.js';
import { formatLoadError } from '../shared/dataset.js';
import type { ExportCompression, ExportLayout, ExportStatus } from '../shared/export-request.js';
import { AppService } from '../core/app-service.js';
import { datasetBaseName } from '../core/export-job.js';
import { forkSpawner } from '../core/pool/fork-spawner.js';
import { CliUsageError, formatBytes } from './cli-output.js';
import { ProgressLine } from './progress-line.js';
import { disposeOnExit } from './store-lifetime.js';
import { nodeWorkerEntries } from './worker-entries.js';

interface ConvertArgs {
  files: string[];
  output: string;
  dtype?: string;
  layout: ExportLayout;
  compression: ExportCompression;
  chunkRows?: number;
  jobs: number;
  json: boolean;
}

function parseConvertArgs(argv: string[]): ConvertArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      dtype: { type: 'string' },
      layout: { type: 'string', default: 'compound' },
      compression: { type: 'string', default: 'none' },
      'chunk-rows': { type: 'string' },
      jobs: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new CliUsageError('convert needs at least one FILE');
  if (!values.output) throw new CliUsageError('convert needs -o OUT.h5');
  if (values.layout !== 'compound' && values.layout !== 'columns') throw new CliUsageError(`--layout must be compound or columns, got '${values.layout}'`);
  const gzip = /^gzip(?:=(\d))?$/.exec(values.compression);
  if (values.compression !== 'none' && !(gzip && (gzip[1] === undefined || (Number(gzip[1]) >= 1 && Number(gzip[1]) <= 9))))
    throw new CliUsageError(`--compression must be none, gzip or gzip=1..9, got '${values.compression}'`);
  const whole = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new CliUsageError(`--${name} must be a whole number ≥ 1, got '${text}'`);
    return n;
  };
  const chunkRows = whole('chunk-rows', values['chunk-rows']);
  return {
    files: positionals,
    output: resolve(values.output),
    ...(values.dtype ? { dtype: values.dtype } : {}),
    layout: values.layout,
    compression: gzip ? { kind: 'gzip', level: gzip[1] === undefined ? 4 : Number(gzip[1]) } : { kind: 'none' },
    ...(chunkRows ? { chunkRows } : {}),
    jobs: whole('jobs', values.jobs) ?? Math.min(positionals.length, availableParallelism()),
    json: values.json,
  };
}

export async function runConvert(argv: string[]): Promise<number> {
  const args = parseConvertArgs(argv);
  for (const f of args.files) if (!existsSync(f)) throw new Error(`${f}: no such file`);
  const started = performance.now();
  const service = new AppService({ spawner: forkSpawner(nodeWorkerEntries()), loaderProcesses: args.jobs });
  const progress = new ProgressLine(process.stderr);
  const release = disposeOnExit(service.store, () => progress.clear());
  try {
    const ids = await service.openPaths(args.files, args.dtype ? { dtype: args.dtype } : {});
    const stopProgress = service.onDatasets((list) => progress.show(list.map(describeLoad).join('  ')));
    const loaded = await service.idle(ids);
    stopProgress();
    progress.clear();
    const failed = loaded.find((d) => d.state !== 'ready');
    if (failed) throw new Error(failed.error ? formatLoadError(failed.error) : `${failed.sourcePath}: ${failed.state}`);

    const jobId = await service.exportHdf5({ datasetIds: ids, destination: args.output, layout: args.layout, compression: args.compression, ...(args.chunkRows ? { chunkRows: args.chunkRows } : {}) });
    const status = await new Promise<ExportStatus>((done) => {
      const check = (s: ExportStatus): void => {
        if (s.jobId !== jobId) return;
        if (s.state === 'running') progress.show(`writing ${args.output} ${percent(s.bytesWritten, s.bytesTotal)} ${formatBytes(s.rate)}/s`);
        else {
          off();
          done(s);
        }
      };
      const off = service.onExport(check);
      const now = service.exportStatus(jobId);
      if (now) check(now);
    });
    progress.clear();
    if (status.state !== 'done') throw new Error(`writing ${args.output} failed: ${status.error ?? status.state}`);
    // What an HDF5 input could not give: one line each, and the file is still written.
    for (const line of service.exportWarnings(jobId)) process.stderr.write(`warning: ${line}\n`);
    const seconds = (performance.now() - started) / 1000;
    report(args, loaded, seconds);
    return 0;
  } finally {
    progress.clear();
    await service.dispose();
    release();
  }
}

function percent(done: number, total: number): string {
  return total > 0 ? `${Math.floor((100 * done) / total)}%` : '';
}

function describeLoad(d: DatasetInfo): string {
  const p = d.progress;
  return `${d.name} ${d.state === 'loading' && p ? `${percent(p.bytesRead, p.bytesTotal)} ${formatBytes(p.rate)}/s` : d.state}`;
}

function report(args: ConvertArgs, loaded: DatasetInfo[], seconds: number): void {
  const outputBytes = statSync(args.output).size;
  const datasets = loaded.map((d) => ({
    name: datasetBaseName(d.name),
    rows: d.rows,
    dtype: d.columns.map((c) => [c.name, c.dtype]),
    seconds: Number((d.progress?.elapsedSeconds ?? 0).toFixed(3)),
  }));
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ output: args.output, datasets, seconds: Number(seconds.toFixed(3)), outputBytes })}\n`);
    return;
  }
  loaded.forEach((info, i) => {
    const d = datasets[i]!;
    const what = info.format === 'hdf5' ? 'HDF5 file, its datasets copied' : info.array ? `array (${info.array.shape.join(', ')}) ${info.array.dtype}` : `${d.rows.toLocaleString('en-US')} rows`;
    process.stderr.write(`  ${d.name}: ${what}${info.format === 'hdf5' ? '' : `, loaded in ${d.seconds.toFixed(2)} s`}\n`);
  });
  process.stderr.write(`wrote ${args.output} (${formatBytes(outputBytes)}) in ${seconds.toFixed(2)} s\n`);
}
