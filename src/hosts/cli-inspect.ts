// `arrayport inspect FILE`: format and dialect (or shape), each column's dtype and why, the row count, the first rows and (--stats) column statistics.

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { TextDialect } from '../shared/dataset.js';
import { formatValue } from '../shared/format-value.js';
import type { RowWindow } from '../shared/row-window.js';
import { performance } from 'node:perf_hooks';
import type { ColumnStats } from '../shared/view.js';
import { readArraySlice } from '../core/arrays/array-reads.js';
import { computeStats } from '../core/stats/column-stats.js';
import { storeArraySource } from '../core/arrays/store-array-source.js';
import { sniffFormat } from '../core/format-sniff.js';
import { runLoadJob } from '../core/load-job.js';
import { listZip } from '../core/npy/zip-index.js';
import { readWindow, toRowWindow } from '../core/store/dataset-reader.js';
import type { DatasetManifest } from '../core/store/manifest.js';
import { SegmentStore } from '../core/store/segment-store.js';
import { CliUsageError, formatBytes, groupDigits } from './cli-output.js';
import { inspectHdf5 } from './cli-inspect-h5.js';
import { formatStatsTable } from './cli-stats.js';
import { disposeOnExit } from './store-lifetime.js';

export async function runInspect(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dtype: { type: 'string' },
      rows: { type: 'string', default: '10' },
      json: { type: 'boolean', default: false },
      stats: { type: 'boolean', default: false },
      bins: { type: 'string', default: '50' },
    },
  });
  if (positionals.length !== 1) throw new CliUsageError('inspect takes exactly one FILE');
  const headRows = Number(values.rows);
  if (!Number.isInteger(headRows) || headRows < 0) throw new CliUsageError(`--rows must be a whole number, got '${values.rows}'`);
  const file = positionals[0]!;
  const bins = Number(values.bins);
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) throw new CliUsageError(`--bins must be a whole number from 1 to 1000, got '${values.bins}'`);
  const stats = values.stats ? { bins } : undefined;

  const path = resolve(file);
  if (!existsSync(path)) throw new Error(`${file}: no such file`);
  const format = sniffFormat(path);
  if (format === 'hdf5') return inspectHdf5(file, headRows, values.json);
  const store = SegmentStore.open();
  const release = disposeOnExit(store);
  try {
    const bytes = statSync(path).size;
    const members = format === 'zip' ? listZip(path).map((m) => m.name) : [undefined];
    for (const member of members) {
      const name = member === undefined ? file : `${file}/${member}`;
      const { id, dir } = store.createDataset({ name, sourcePath: path, sourceBytes: bytes, format: format === 'zip' ? 'npz' : format === 'npy' ? 'npy' : 'text', estimatedBytes: bytes });
      // The user's spelling of the path goes into messages, so errors read `arrayport: data.txt:7:12: …`.
      const result = await runLoadJob({ path: file, datasetDir: dir, ...(values.dtype ? { dtype: values.dtype } : {}), ...(member !== undefined ? { member } : {}) }, () => {});
      const manifest = store.refresh(id)!;
      if (manifest.array && (manifest.shape?.length ?? 0) !== 1) {
        process.stdout.write(await describeArray(name, bytes, result.format, manifest, dir, headRows, values.json));
        continue;
      }
      await describeTable(store, id, name, bytes, result, headRows, values.json, stats);
    }
    return 0;
  } finally {
    await store.dispose();
    release();
  }
}

async function describeTable(
  store: SegmentStore, id: string, file: string, bytes: number,
  result: Awaited<ReturnType<typeof runLoadJob>>, headRows: number, json: boolean, statsOptions?: { bins: number },
): Promise<void> {
  const manifest = store.refresh(id)!;
  const reader = store.openReader(id);
  let head: RowWindow;
  let stats: { columns: ColumnStats[]; seconds: number } | undefined;
  try {
    head = toRowWindow(id, readWindow(reader, 0, headRows));
    if (statsOptions) {
      const started = performance.now();
      const columns = computeStats(reader, { bins: statsOptions.bins });
      stats = { columns, seconds: (performance.now() - started) / 1000 };
    }
  } finally {
    reader.close();
  }
  // How the store keeps a string column is worth knowing: a few distinct values cost 2 bytes a row.
  const columns = manifest.columns.map((c) => ({
    name: c.name,
    dtype: c.dtype,
    reason: c.storage.kind === 'dictionary' ? `${c.reason}; stored as a dictionary of ${c.storage.valueCount} value${c.storage.valueCount === 1 ? '' : 's'}` : c.reason,
  }));
  if (json) {
    const out = { file, format: result.format, ...(result.dialect ? { dialect: result.dialect } : {}), ...(result.shape ? { shape: result.shape } : {}), bytes, rows: result.rows, columns, head: headAsJson(head), ...(stats ? { stats: stats.columns } : {}) };
    process.stdout.write(`${JSON.stringify(out, (_key, v: unknown) => jsonSafe(v))}\n`);
  } else {
    process.stdout.write(describe(file, bytes, result.dialect ? `text: ${describeDialect(result.dialect)}` : `${result.format}: ${result.kind === 'table' ? 'structured array' : 'array'} of shape (${result.shape?.join(', ')})`, result.rows, columns, head));
    if (stats) process.stdout.write(formatStatsTable(stats.columns, stats.seconds));
  }
}

/** An N-d (or 0-d) array: shape, dtype, and the first rows of its first 2-d slice. */
async function describeArray(file: string, bytes: number, format: string, m: DatasetManifest, dir: string, headRows: number, json: boolean): Promise<string> {
  const shape = m.shape ?? [];
  const dtype = m.columns[0]!.dtype;
  const nd = shape.length;
  const source = storeArraySource(dir, m);
  try {
    const slice = await readArraySlice(source, m.id, nd === 0
      ? { rowDim: 0, indices: [], rowStart: 0, rowCount: 1 }
      : { rowDim: nd - 2, colDim: nd - 1, indices: shape.map(() => 0), rowStart: 0, rowCount: headRows, colStart: 0, colCount: 10 });
    const rows = Array.from({ length: slice.rowCount }, (_, r) => slice.data.values.slice(r * slice.colCount, (r + 1) * slice.colCount));
    if (json) return `${JSON.stringify({ file, format, bytes, shape, dtype, fortranOrder: m.array?.fortranOrder ?? false, head: rows.map((r) => r.map(jsonSafe)) })}\n`;
    const where = nd > 2 ? `[${shape.slice(0, -2).map(() => '0').join(', ')}, :, :]` : '';
    return [
      `${file}  (${formatBytes(bytes)})\n`,
      `format   ${format}: array\n`,
      `shape    (${shape.join(', ')}${nd === 1 ? ',' : ''})${m.array?.fortranOrder ? ' · Fortran order' : ''}\n`,
      `dtype    ${dtype}\n`,
      `${m.columns[0]!.reason}\n`,
      rows.length ? `first values${where ? ` of ${where}` : ''}\n${table(rows.map((r) => r.map((v) => formatValue(v ?? null, dtype))))}` : '',
    ].join('');
  } finally {
    source.close();
  }
}

function jsonSafe(v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? null : v > 0 ? 'inf' : '-inf';
  return v;
}

/** Rows as arrays; NaN becomes null and ±inf the strings 'inf'/'-inf' (JSON has no literal for them); int64 beyond 2^53 stays a string. */
function headAsJson(w: RowWindow): unknown[][] {
  return Array.from({ length: w.rowCount }, (_, r) =>
    w.columns.map((c) => {
      const v = c.data.values[r];
      if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? null : v > 0 ? 'inf' : '-inf';
      return v;
    }),
  );
}

function describeDialect(d: TextDialect): string {
  const delimiter = { whitespace: 'whitespace-separated', ',': 'comma-separated', '\t': 'tab-separated', ';': 'semicolon-separated' }[d.delimiter];
  return [
    delimiter,
    d.header ? 'header row' : 'no header',
    d.lineEnding,
    ...(d.compression === 'gzip' ? ['gzip'] : []),
    ...(d.bom ? ['UTF-8 BOM'] : []),
    `${d.skippedLines} line${d.skippedLines === 1 ? '' : 's'} skipped before data`,
  ].join(' · ');
}

function table(rows: string[][], indent = '  '): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]!.length))) ?? [];
  return rows.map((r) => indent + r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}

function describe(file: string, bytes: number, format: string, rows: number, columns: { name: string; dtype: string; reason: string }[], head: RowWindow): string {
  const parts = [
    `${file}  (${formatBytes(bytes)})\n`,
    `format   ${format}\n`,
    `rows     ${groupDigits(rows)}\n`,
    `columns  ${columns.length}\n`,
    table([['name', 'dtype', 'why'], ...columns.map((c) => [c.name, c.dtype, c.reason])]),
  ];
  if (head.rowCount > 0) {
    const cells = Array.from({ length: head.rowCount }, (_, r) => head.columns.map((c) => formatValue(c.data.values[r] ?? null, c.dtype)));
    parts.push(`first ${groupDigits(head.rowCount)} row${head.rowCount === 1 ? '' : 's'}\n`, table([head.columns.map((c) => c.name), ...cells]));
  }
  return parts.join('');
}
