// Loads a delimited text file (plain, gzip or BGZF) into a TableSink: dialect, header, types inferred over the whole file.

import type { TextDialect } from '../../shared/dataset.js';
import { DTypeSpecError, parseDTypeSpec, type DTypeSpec } from '../../shared/dtype-spec.js';
import { CancelledError, LoadError } from '../load-error.js';
import type { SinkColumn, TableSink } from '../store/table-sink.js';
import { BlockReader } from './block-reader.js';
import { openByteSource, type ByteSource } from './byte-source.js';
import { planColumns, type ColumnPlan } from './column-plan.js';
import { detectDelimiter, detectLineEnding } from './dialect.js';
import { FastRows } from './fast-rows.js';
import { RowParser } from './row-parser.js';
import { END, NEED_MORE, Tokenizer } from './tokenizer.js';

/** Bytes the first guess (dialect, header, types) is made from. */
const PLAN_BYTES = 1 << 20;
const BATCH_CELLS = 1 << 20;
/** The first rows are committed after this many bytes, not after the whole first block, so the window shows them at once. */
const FIRST_COMMIT_BYTES = 1 << 16;
/** The first block read: a few first commits' worth, so the first rows do not wait for a full block. */
const FIRST_BLOCK_BYTES = 1 << 18;

export interface TextLoadOptions {
  /** A dtype spec (see parseDTypeSpec): overrides inference; the spec's column count must match the file's. */
  dtype?: string;
  delimiter?: TextDialect['delimiter'];
  /** Forces the first record to be (true) or not to be (false) a header; detected when absent. */
  header?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: { bytesRead: number; bytesTotal: number; rows: number }) => void;
  /** Bytes per read (default 8 MiB); small values are for tests of block boundaries. */
  blockSize?: number;
  /** Rows per sink batch (default 65536). */
  batchRows?: number;
}

export interface TextLoadResult {
  dialect: TextDialect;
  rows: number;
  columns: SinkColumn[];
}

export async function loadTextFile(path: string, sink: TableSink, options: TextLoadOptions = {}): Promise<TextLoadResult> {
  const file = path;
  const spec = options.dtype === undefined ? null : parseSpec(options.dtype, file);
  const blockSize = options.blockSize ?? 8 << 20;
  const batchRows = options.batchRows ?? 65536;
  checkAbort(options.signal);
  const head = await readHead(path, file, options.delimiter);
  checkAbort(options.signal);
  const bom = head.end >= 3 && head.buf[0] === 0xef && head.buf[1] === 0xbb && head.buf[2] === 0xbf;
  const start = bom ? 3 : 0;
  const delimiter = options.delimiter ?? detectDelimiter(head.buf, start, head.end, head.eof);
  const plan = planColumns({ buf: head.buf, start, end: head.end, final: head.eof, delimiter, file, spec, header: options.header });
  if (!plan) throw new LoadError({ file, line: 1, column: 1, message: 'no data: the file holds no rows', text: '' });
  const dialect: TextDialect = {
    delimiter, header: plan.header, quote: '"', comment: '#', lineEnding: detectLineEnding(head.buf, start, head.end),
    compression: head.compression, bom, skippedLines: plan.skippedLines,
  };
  sink.begin(plan.slots.map((s) => s.describe()));
  let source: ByteSource | null = null;
  try {
    for (;;) {
      source = await openByteSource(path, file);
      // The columns are in the manifest now (begin): a window can lay out its header while the first rows parse.
      options.onProgress?.({ bytesRead: 0, bytesTotal: source.size, rows: 0 });
      const reader = new BlockReader(source, blockSize, true, FIRST_BLOCK_BYTES);
      await reader.refill(0);
      while (!reader.eof && reader.end - reader.start < start) await reader.refill(reader.start);
      const rows = await runPass(reader, source, sink, plan, { start, delimiter, file, batchRows, options });
      if (rows >= 0) {
        sink.commit();
        sink.finish();
        return { dialect, rows, columns: plan.slots.map((s) => s.describe()) };
      }
      // A column turned out to be text after numbers were stored: start over with the types the scan found.
      await source.close();
      source = null;
      sink.reset();
      sink.begin(plan.slots.map((s) => s.describe()));
    }
  } finally {
    await source?.close();
  }
}

interface PassContext {
  start: number;
  delimiter: TextDialect['delimiter'];
  file: string;
  batchRows: number;
  options: TextLoadOptions;
}

/** Reads the file once from the reader's first block; returns the rows stored, or -1 when it must be read again. */
async function runPass(reader: BlockReader, source: ByteSource, sink: TableSink, plan: ColumnPlan, ctx: PassContext): Promise<number> {
  const tok = new Tokenizer(ctx.delimiter);
  // Stopping the tokenizer early is safe anywhere: NEED_MORE leaves it at the start of the unfinished record,
  // and the rest of the same block is handed to it below exactly as a refill would.
  const firstCut = Math.min(reader.end, reader.start + ctx.start + FIRST_COMMIT_BYTES);
  let cut = firstCut < reader.end;
  tok.setBuffer(reader.buf, reader.start + ctx.start, firstCut, reader.eof && !cut);
  // Bounded cells per batch: a 9,000-column table must not allocate 9,000 arrays of 64K rows.
  const cap = Math.max(16, Math.min(ctx.batchRows, Math.floor(BATCH_CELLS / plan.slots.length)));
  const parser = new RowParser(tok, plan.slots, sink, ctx.file, cap);
  let rows = 0;
  const fast = new FastRows(tok, parser, ctx.delimiter);
  let skipHeader = plan.header;
  for (;;) {
    if (!skipHeader) rows += fast.run();
    const n = tok.nextRecord();
    if (n >= 0) {
      if (skipHeader) skipHeader = false;
      else if (parser.scanOnly) parser.scanRecord(n);
      else {
        parser.storeRecord(n);
        rows++;
      }
      continue;
    }
    parser.flush();
    if (!parser.scanOnly) sink.commit();
    ctx.options.onProgress?.({ bytesRead: source.bytesRead(), bytesTotal: source.size, rows: parser.scanOnly ? 0 : rows });
    if (n === END) return parser.scanOnly ? -1 : rows;
    checkAbort(ctx.options.signal);
    if (cut) {
      cut = false;
      tok.setBuffer(reader.buf, tok.pos, reader.end, reader.eof);
      fast.newBuffer();
      continue;
    }
    await reader.refill(tok.pos);
    checkAbort(ctx.options.signal);
    tok.setBuffer(reader.buf, reader.start, reader.end, reader.eof);
    fast.newBuffer();
  }
}

/** The first PLAN_BYTES of the (inflated) file, extended until it holds a whole first record: what the plan looks at. */
async function readHead(path: string, file: string, delimiter: TextDialect['delimiter'] | undefined): Promise<BlockReader & { compression: ByteSource['compression'] }> {
  const source = await openByteSource(path, file);
  try {
    const reader = new BlockReader(source, PLAN_BYTES);
    await reader.refill(0);
    for (;;) {
      const tok = new Tokenizer(delimiter ?? ',');
      tok.setBuffer(reader.buf, 0, reader.end, reader.eof);
      if (reader.eof || tok.nextRecord() !== NEED_MORE) return Object.assign(reader, { compression: source.compression });
      await reader.refill(0);
    }
  } finally {
    await source.close();
  }
}

function parseSpec(text: string, file: string): DTypeSpec {
  try {
    return parseDTypeSpec(text);
  } catch (e) {
    if (e instanceof DTypeSpecError) throw new LoadError({ file, message: e.message });
    throw e;
  }
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
