// `arrayport convert FILE... -o OUT`: loads the files in parallel (a worker process each), optionally filters, sorts and picks columns, and writes HDF5, .npy or CSV.

import type { ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { DatasetInfo } from '../shared/dataset.js';
import { formatLoadError } from '../shared/dataset.js';
import type { ExportCompression, ExportFormat, ExportLayout, ExportStatus } from '../shared/export-request.js';
import type { SortKey, ViewInfo, ViewSpec } from '../shared/view.js';
import { AppService } from '../core/app-service.js';
import { datasetBaseName } from '../core/dataset-name.js';
import { forkSpawner, type ForkEntry } from '../core/pool/fork-spawner.js';
import type { WorkerKind } from '../core/pool/spawn.js';
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
  format: ExportFormat;
  /** The view every table is exported as; absent when no --where, --sort or --columns was given. */
  view?: ViewSpec;
}

/** `--sort pos,-pct,chr:desc`: a leading '-' or a ':desc' suffix sorts descending (':asc' is the default, spelled out). */
export function parseSortKeys(text: string): SortKey[] {
  return text.split(',').map((raw) => {
    let name = raw.trim();
    let descending = false;
    const suffix = /:(asc|desc)$/i.exec(name);
    if (suffix) {
      descending = suffix[1]!.toLowerCase() === 'desc';
      name = name.slice(0, -suffix[0].length);
    } else if (name.startsWith('-')) {
      descending = true;
      name = name.slice(1);
    }
    if (!name) throw new CliUsageError(`--sort needs column names, got '${text}'`);
    return descending ? { column: name, descending } : { column: name };
  });
}

/** --format when given, else the output's extension: .npy and .csv, anything else HDF5. */
function formatFor(given: string | undefined, output: string): ExportFormat {
  if (given === undefined) {
    const ext = extname(output).toLowerCase();
    return ext === '.npy' ? 'npy' : ext === '.csv' ? 'csv' : 'hdf5';
  }
  if (given !== 'hdf5' && given !== 'npy' && given !== 'csv') throw new CliUsageError(`--format must be hdf5, npy or csv, got '${given}'`);
  return given;
}

function parseConvertArgs(argv: string[]): ConvertArgs {
  const { values, positionals } = parseArgs({
    args: joinDashValues(argv, ['--sort', '--where']),
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      dtype: { type: 'string' },
      layout: { type: 'string' },
      compression: { type: 'string' },
      'chunk-rows': { type: 'string' },
      jobs: { type: 'string' },
      json: { type: 'boolean', default: false },
      where: { type: 'string' },
      sort: { type: 'string' },
      columns: { type: 'string' },
      format: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new CliUsageError('convert needs at least one FILE');
  if (!values.output) throw new CliUsageError('convert needs -o OUT (.h5, .npy or .csv)');
  const format = formatFor(values.format, values.output);
  if (format !== 'hdf5') {
    const hdf5Only = (['layout', 'compression', 'chunk-rows'] as const).find((o) => values[o] !== undefined);
    if (hdf5Only) throw new CliUsageError(`--${hdf5Only} applies to HDF5 output, not ${format}`);
    if (positionals.length > 1) throw new CliUsageError(`${format} output holds one table: give one FILE, not ${positionals.length}`);
  }
  const layout = values.layout ?? 'compound';
  const compression = values.compression ?? 'none';
  if (layout !== 'compound' && layout !== 'columns') throw new CliUsageError(`--layout must be compound or columns, got '${layout}'`);
  const gzip = /^gzip(?:=(\d))?$/.exec(compression);
  if (compression !== 'none' && !(gzip && (gzip[1] === undefined || (Number(gzip[1]) >= 1 && Number(gzip[1]) <= 9))))
    throw new CliUsageError(`--compression must be none, gzip or gzip=1..9, got '${compression}'`);
  if (values.where !== undefined && !values.where.trim()) throw new CliUsageError('--where needs an expression');
  const columns = values.columns?.split(',').map((c) => c.trim());
  if (columns && columns.some((c) => !c)) throw new CliUsageError(`--columns needs a comma-separated list of names, got '${values.columns}'`);
  const view: ViewSpec = {
    ...(values.where !== undefined ? { filter: values.where } : {}),
    ...(values.sort !== undefined ? { sort: parseSortKeys(values.sort) } : {}),
    ...(columns ? { columns } : {}),
  };
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
    layout,
    compression: gzip ? { kind: 'gzip', level: gzip[1] === undefined ? 4 : Number(gzip[1]) } : { kind: 'none' },
    ...(chunkRows ? { chunkRows } : {}),
    jobs: whole('jobs', values.jobs) ?? Math.min(positionals.length, availableParallelism()),
    json: values.json,
    format,
    ...(Object.keys(view).length ? { view } : {}),
  };
}

/** Worker entries, and idle workers already forked from them for the pools to take first (see forkSpawner). */
export interface ConvertWorkers {
  readonly entries: Record<WorkerKind, ForkEntry>;
  readonly started?: Partial<Record<WorkerKind, ChildProcess[]>>;
}

export async function runConvert(argv: string[], workers: ConvertWorkers = { entries: nodeWorkerEntries() }): Promise<number> {
  const args = parseConvertArgs(argv);
  for (const f of args.files) if (!existsSync(f)) throw new Error(`${f}: no such file`);
  const started = performance.now();
  const service = new AppService({ spawner: forkSpawner(workers.entries, workers.started), loaderProcesses: args.jobs, statsOnLoad: false, warmExport: true });
  const progress = new ProgressLine(process.stderr);
  const release = disposeOnExit(service.store, () => progress.clear());
  try {
    const ids = await service.openPaths(args.files, args.dtype ? { dtype: args.dtype } : {});
    const request = {
      datasetIds: ids, destination: args.output, layout: args.layout, compression: args.compression,
      ...(args.chunkRows ? { chunkRows: args.chunkRows } : {}),
      format: args.format,
      ...(args.view ? { views: true } : {}),
    };
    // Text tables are written while they load: the writer takes each table's rows as they are committed, so most
    // of the writing overlaps the parsing. Only uncompressed contiguous HDF5 can be written that way (a view needs
    // its whole table, chunks are compressed in order after the load); .npy and HDF5 inputs load too fast to matter.
    const texts = (await service.listDatasets()).filter((d) => ids.includes(d.id) && d.format === 'text');
    const follows = args.format === 'hdf5' && !args.view && args.compression.kind === 'none' && args.chunkRows === undefined;
    const early = follows && texts.length === ids.length ? await service.startExport(request, { whileLoading: true }) : undefined;
    const stopProgress = service.onDatasets((list) => progress.show(list.map(describeLoad).join('  ')));
    const loaded = await service.idle(ids);
    stopProgress();
    progress.clear();
    const failed = loaded.find((d) => d.state !== 'ready');
    if (failed) {
      // The export following the loads stops too; its temporary file is removed before we report.
      if (early) {
        await service.cancelExport(early);
        await exportEnd(service, early);
      }
      throw new Error(failed.error ? formatLoadError(failed.error) : `${failed.sourcePath}: ${failed.state}`);
    }

    const views = args.view ? await applyViews(service, loaded, args.view) : new Map<string, ViewInfo>();
    const jobId = early ?? (await service.startExport(request));
    const status = await exportEnd(service, jobId, (s) => progress.show(`writing ${args.output} ${percent(s.bytesWritten, s.bytesTotal)} ${formatBytes(s.rate)}/s`));
    progress.clear();
    if (status.state !== 'done') throw new Error(`writing ${args.output} failed: ${status.error ?? status.state}`);
    // What an HDF5 input could not give: one line each, and the file is still written.
    for (const line of service.exportStatus(jobId)?.warnings ?? []) process.stderr.write(`warning: ${line}\n`);
    const seconds = (performance.now() - started) / 1000;
    report(args, loaded, views, seconds);
    return 0;
  } finally {
    progress.clear();
    await service.dispose();
    release();
  }
}

/** Resolves with the export's final status; `running` sees each status while it runs. */
function exportEnd(service: AppService, jobId: string, running: (s: ExportStatus) => void = () => {}): Promise<ExportStatus> {
  return new Promise<ExportStatus>((done) => {
    const check = (s: ExportStatus): void => {
      if (s.jobId !== jobId) return;
      if (s.state === 'running') running(s);
      else {
        off();
        done(s);
      }
    };
    const off = service.onExport(check);
    const now = service.exportStatus(jobId);
    if (now) check(now);
  });
}

/**
 * Sets `spec` as the view of every loaded table and waits until each is ready. Column names in --sort and
 * --columns are checked here, so a rejection by the host is about the --where expression.
 */
async function applyViews(service: AppService, loaded: readonly DatasetInfo[], spec: ViewSpec): Promise<Map<string, ViewInfo>> {
  const views = new Map<string, ViewInfo>();
  for (const d of loaded) {
    if (d.array || d.format === 'hdf5') throw new Error(`--where, --sort and --columns apply to tables; ${d.name} is ${d.array ? 'an array' : 'an HDF5 file'}`);
    const names = d.columns.map((c) => c.name);
    const unknown = (option: string, wanted: readonly string[]): void => {
      const missing = wanted.find((c) => !names.includes(c));
      if (missing !== undefined) throw new Error(`${option}: ${d.name} has no column '${missing}' (its columns: ${names.join(', ')})`);
    };
    unknown('--sort', spec.sort?.map((k) => k.column) ?? []);
    unknown('--columns', spec.columns ?? []);
    try {
      views.set(d.id, await service.setView(d.id, spec));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new Error(spec.filter !== undefined ? `--where: ${message}` : `${d.name}: ${message}`);
    }
  }
  return views;
}

function percent(done: number, total: number): string {
  return total > 0 ? `${Math.floor((100 * done) / total)}%` : '';
}

function describeLoad(d: DatasetInfo): string {
  const p = d.progress;
  return `${d.name} ${d.state === 'loading' && p ? `${percent(p.bytesRead, p.bytesTotal)} ${formatBytes(p.rate)}/s` : d.state}`;
}

/** What was written: a view's rows and chosen columns where the table had one. */
function report(args: ConvertArgs, loaded: DatasetInfo[], views: ReadonlyMap<string, ViewInfo>, seconds: number): void {
  const outputBytes = statSync(args.output).size;
  const datasets = loaded.map((d) => {
    const view = views.get(d.id);
    const chosen = view ? args.view?.columns : undefined;
    const columns = chosen ? chosen.map((name) => d.columns.find((c) => c.name === name)!) : d.columns;
    return {
      name: datasetBaseName(d.name),
      rows: view ? view.rows : d.rows,
      ...(view ? { sourceRows: d.rows } : {}),
      dtype: columns.map((c) => [c.name, c.dtype]),
      seconds: Number((d.progress?.elapsedSeconds ?? 0).toFixed(3)),
    };
  });
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ output: args.output, format: args.format, datasets, seconds: Number(seconds.toFixed(3)), outputBytes })}\n`);
    return;
  }
  loaded.forEach((info, i) => {
    const d = datasets[i]!;
    const kept = views.has(info.id) ? ` of ${info.rows.toLocaleString('en-US')}` : '';
    const what = info.format === 'hdf5' ? 'HDF5 file, its datasets copied' : info.array ? `array (${info.array.shape.join(', ')}) ${info.array.dtype}` : `${d.rows.toLocaleString('en-US')}${kept} rows`;
    process.stderr.write(`  ${d.name}: ${what}${info.format === 'hdf5' ? '' : `, loaded in ${d.seconds.toFixed(2)} s`}\n`);
  });
  process.stderr.write(`wrote ${args.output} (${formatBytes(outputBytes)}) in ${seconds.toFixed(2)} s\n`);
}

/**
 * `--sort -c,pos` is how a user writes "c descending": parseArgs would refuse a value that starts with '-' as
 * ambiguous, so such a value after these options is joined to it (`--sort=-c,pos`) before parsing.
 */
function joinDashValues(argv: readonly string[], options: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (options.includes(a) && next !== undefined && next.startsWith('-') && next !== '--') {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}
