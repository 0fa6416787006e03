// Times loadTextFile on one file into a sink that drops every batch: `npx tsx src/core/text/test-support/bench.ts FILE [DTYPE]`.

import { statSync } from 'node:fs';
import type { ColumnBatch, SinkColumn, TableSink } from '../../store/table-sink.js';
import { loadTextFile } from '../text-loader.js';

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

async function main(): Promise<void> {
  const [path, dtype] = process.argv.slice(2);
  if (!path) throw new Error('usage: bench.ts FILE [DTYPE]');
  const mb = statSync(path).size / 1e6;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    const r = await loadTextFile(path, new NullSink(), dtype ? { dtype } : {});
    const s = (performance.now() - t0) / 1000;
    console.log(`${r.rows} rows, ${mb.toFixed(0)} MB in ${s.toFixed(2)} s: ${(mb / s).toFixed(0)} MB/s; ${r.columns.map((c) => `${c.name}:${c.dtype}`).join(',')}`);
  }
}

void main();
