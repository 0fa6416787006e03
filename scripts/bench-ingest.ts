// Times one text ingest into the real store (DatasetWriter in a throwaway session): `npx tsx scripts/bench-ingest.ts FILE [DTYPE] [--sink null] [--runs N]`.
// Prints one JSON line per run: { file, bytes, seconds, mbPerSecond, rows, cpuSeconds }. The store session is removed afterwards.

import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DatasetWriter } from '../src/core/store/dataset-writer.js';
import { SegmentStore } from '../src/core/store/segment-store.js';
import type { ColumnBatch, SinkColumn, TableSink } from '../src/core/store/table-sink.js';
import { loadTextFile } from '../src/core/text/text-loader.js';

export interface IngestMeasure {
  file: string;
  bytes: number;
  seconds: number;
  mbPerSecond: number;
  rows: number;
  /** CPU time of this process (all its threads) during the load: steadier than `seconds` on a busy machine. */
  cpuSeconds: number;
}

/** A sink that drops every batch: the parser's own speed. */
class NullSink implements TableSink {
  rows = 0;
  begin(_columns: readonly SinkColumn[]): void {}
  append(rows: number, _columns: readonly ColumnBatch[]): void {
    this.rows += rows;
  }
  widen(): void {}
  describe(): void {}
  reset(): void {
    this.rows = 0;
  }
  commit(): void {}
  finish(): void {}
}

/** Loads `file` once (real DatasetWriter unless `sink` is 'null') and times it; the store is disposed before returning. */
export async function benchIngest(file: string, dtype?: string, sink: 'store' | 'null' = 'store'): Promise<IngestMeasure> {
  const bytes = statSync(file).size;
  const options = dtype ? { dtype } : {};
  const store = sink === 'store' ? SegmentStore.open({ prefix: 'arrayport-bench' }) : null;
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let target: TableSink;
    if (store) {
      const { dir } = store.createDataset({ name: 'bench', sourcePath: file, sourceBytes: bytes, format: 'text', estimatedBytes: bytes });
      target = new DatasetWriter(dir);
    } else target = new NullSink();
    const r = await loadTextFile(file, target, options);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return { file, bytes, seconds, mbPerSecond: bytes / 1e6 / seconds, rows: r.rows, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  } finally {
    await store?.dispose();
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { sink: { type: 'string', default: 'store' }, runs: { type: 'string', default: '1' } },
  });
  const [file, dtype] = positionals;
  if (!file || (values.sink !== 'store' && values.sink !== 'null')) throw new Error('usage: bench-ingest.ts FILE [DTYPE] [--sink store|null] [--runs N]');
  for (let i = 0; i < Math.max(1, Number(values.runs)); i++) {
    console.log(JSON.stringify(await benchIngest(file, dtype, values.sink)));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
