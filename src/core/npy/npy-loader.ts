// Streams one .npy (a file or an .npz member) into a store dataset: N-d arrays as one column file, structured arrays as a table.

import type { LoadProgress } from '../../shared/dataset.js';
import type { ParsedDType } from '../../shared/dtype.js';
import { CancelledError, LoadError } from '../load-error.js';
import { ArrayWriter } from '../store/array-writer.js';
import { DatasetWriter } from '../store/dataset-writer.js';
import { formatShape, NPY_MAGIC, parseNpyHeader } from '../store/npy-header.js';
import type { ColumnBatch } from '../store/table-sink.js';
import { ChunkReader } from './chunk-reader.js';
import { findBadElement, swapToLittle } from './element-bytes.js';
import { NpyRefusal, planNpy, type NpyPlan } from './npy-plan.js';

/** Bytes copied per block: bounded memory whatever the array's size, few enough calls to stay fast. */
const BLOCK_BYTES = 8 << 20;

export interface NpyLoadOptions {
  /** The name messages use: the file, or 'file.npz/member.npy'. */
  readonly file: string;
  /** Bytes of the source (for progress: the file, or the member's uncompressed size). */
  readonly totalBytes: number;
  readonly member?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: Omit<LoadProgress, 'rate' | 'elapsedSeconds'>) => void;
}

export interface NpyLoadResult {
  readonly kind: 'array' | 'table';
  readonly shape: readonly number[];
  readonly rows: number;
}

export async function loadNpy(source: AsyncIterable<Uint8Array>, datasetDir: string, o: NpyLoadOptions): Promise<NpyLoadResult> {
  const reader = new ChunkReader(source);
  try {
    const plan = await readPlan(reader, o.file);
    return plan.kind === 'array' ? await copyArray(reader, plan, datasetDir, o) : await copyTable(reader, plan, datasetDir, o);
  } finally {
    await reader.close();
  }
}

async function readPlan(reader: ChunkReader, file: string): Promise<NpyPlan> {
  const head = await reader.read(10);
  if (head.length < 10 || NPY_MAGIC.some((b, i) => head[i] !== b)) throw new LoadError({ file, message: 'not a .npy file (no \\x93NUMPY magic)' });
  const major = head[6]!;
  let preamble = head;
  let length = head[8]! | (head[9]! << 8);
  if (major === 2 || major === 3) {
    const more = await reader.read(2);
    preamble = concat(head, more);
    length = head[8]! + head[9]! * 256 + more[0]! * 65536 + more[1]! * 16777216;
  } else if (major !== 1) throw new LoadError({ file, message: `unsupported .npy format version ${major}.${head[7]}` });
  if (length > 1 << 24) throw new LoadError({ file, message: `implausible .npy header length ${length}` });
  const dict = await reader.read(length);
  if (dict.length < length) throw new LoadError({ file, message: 'the .npy header is cut short (truncated file)' });
  try {
    return planNpy(parseNpyHeader(concat(preamble, dict)));
  } catch (e) {
    const message = e instanceof NpyRefusal ? e.message : `not a valid .npy header: ${(e as Error).message}`;
    throw new LoadError({ file, message });
  }
}

async function copyArray(reader: ChunkReader, plan: Extract<NpyPlan, { kind: 'array' }>, dir: string, o: NpyLoadOptions): Promise<NpyLoadResult> {
  const d = plan.element.source;
  const writer = new ArrayWriter(dir);
  try {
    const order = plan.fortranOrder ? ', Fortran order (kept; read by strides)' : '';
    const swapped = d.byteOrder === '>' ? `, converted from big-endian ${d.descr}` : '';
    writer.begin(plan.element.stored, plan.shape, plan.fortranOrder, `from the .npy header: ${d.descr} ${formatShape(plan.shape)}${order}${swapped}`, o.member);
    const perBlock = Math.max(1, Math.floor(BLOCK_BYTES / d.itemSize));
    for (let at = 0; at < plan.count; at += perBlock) {
      checkAborted(o.signal);
      const n = Math.min(perBlock, plan.count - at);
      const bytes = await reader.read(n * d.itemSize);
      if (bytes.length < n * d.itemSize) truncated(o.file, at * d.itemSize + bytes.length, plan.count * d.itemSize);
      fixElements(bytes, d, at, o.file);
      writer.write(at, bytes);
      writer.commit(at + n);
      o.onProgress?.({ bytesRead: reader.consumed, bytesTotal: o.totalBytes, rows: 0 });
    }
    writer.finish();
    return { kind: 'array', shape: plan.shape, rows: plan.shape[0] ?? 1 };
  } catch (e) {
    failWith(writer, e, o.file);
    throw e;
  }
}

async function copyTable(reader: ChunkReader, plan: Extract<NpyPlan, { kind: 'table' }>, dir: string, o: NpyLoadOptions): Promise<NpyLoadResult> {
  const writer = new DatasetWriter(dir);
  try {
    writer.begin(plan.fields.map((f) => ({
      name: f.name,
      dtype: f.element.stored,
      reason: `field of the structured .npy dtype: ${f.element.source.descr}`,
      ...(f.element.source.kind === 'S' ? { fixedWidth: true } : {}),
    })));
    const perBlock = Math.max(1, Math.floor(BLOCK_BYTES / Math.max(1, plan.recordBytes)));
    for (let row = 0; row < plan.rows; row += perBlock) {
      checkAborted(o.signal);
      const n = Math.min(perBlock, plan.rows - row);
      const records = await reader.read(n * plan.recordBytes);
      if (records.length < n * plan.recordBytes) truncated(o.file, row * plan.recordBytes + records.length, plan.rows * plan.recordBytes);
      const batches: ColumnBatch[] = plan.fields.map((f) => {
        const size = f.element.source.itemSize;
        const out = new Uint8Array(n * size);
        for (let r = 0, src = f.offset; r < n; r++, src += plan.recordBytes) out.set(records.subarray(src, src + size), r * size);
        fixElements(out, f.element.source, row, o.file, f.name);
        return { kind: 'fixed', data: out };
      });
      writer.append(n, batches);
      writer.commit();
      o.onProgress?.({ bytesRead: reader.consumed, bytesTotal: o.totalBytes, rows: writer.committedRows });
    }
    writer.finish();
    return { kind: 'table', shape: [plan.rows], rows: plan.rows };
  } catch (e) {
    failWith(writer, e, o.file);
    throw e;
  }
}

function fixElements(bytes: Uint8Array, d: ParsedDType, firstIndex: number, file: string, field?: string): void {
  swapToLittle(bytes, d);
  const bad = findBadElement(bytes, d);
  if (bad) throw new LoadError({ file, message: `element ${firstIndex + bad.index}${field ? ` of field '${field}'` : ''}: ${bad.message}` });
}

function truncated(file: string, got: number, want: number): never {
  throw new LoadError({ file, message: `the file is truncated: its header promises ${want} data bytes, it holds ${got}` });
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

function failWith(writer: ArrayWriter | DatasetWriter, e: unknown, file: string): void {
  if (e instanceof CancelledError) writer.close();
  else writer.fail(e instanceof LoadError ? e.info : { file, message: e instanceof Error ? e.message : String(e) });
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
