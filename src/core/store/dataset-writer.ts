// The TableSink a loader worker writes through: segment files in a dataset directory the host's store created.

import type { LoadErrorInfo, TextDialect } from '../../shared/dataset.js';
import { parseDType } from '../../shared/dtype.js';
import type { DatasetManifest } from './manifest.js';
import type { ColumnBatch, SinkColumn, TableSink } from './table-sink.js';
import { readManifest, writeManifest } from './manifest-file.js';
import { DEFAULT_HEADER_BYTES } from './npy-header.js';
import { FileNames } from './npy-file.js';
import { NumericColumn, type ColumnWriter } from './numeric-column.js';
import { DICTIONARY_LIMIT, StringColumn } from './string-column.js';

export interface DatasetWriterOptions {
  /** Distinct values a string column keeps as a dictionary before turning plain (at most 65535). */
  readonly dictionaryLimit?: number;
}

type SourcePatch = Partial<Pick<DatasetManifest['source'], 'dialect' | 'bytes'>>;

/**
 * Synchronous by design: tmpfs writes are memory copies, and the parser stays free of promises.
 * Never deletes: superseded files (after widen, regrow, reset) are the host store's to remove
 * once the manifest stops listing them.
 */
export class DatasetWriter implements TableSink {
  private manifest: DatasetManifest;
  private columns: ColumnWriter[] = [];
  private readonly names: FileNames;
  private appended = 0;
  private committed = 0;
  private done = false;

  constructor(readonly dir: string, private readonly options: DatasetWriterOptions = {}) {
    this.manifest = readManifest(dir);
    this.names = new FileNames(dir);
  }

  get rows(): number {
    return this.appended;
  }

  get committedRows(): number {
    return this.committed;
  }

  /** The manifest as last written. */
  get current(): DatasetManifest {
    return this.manifest;
  }

  private get headerBytes(): number {
    return this.manifest.headerBytes || DEFAULT_HEADER_BYTES;
  }

  private live(): void {
    if (this.done) throw new Error(`dataset ${this.manifest.id} is ${this.manifest.state}; it takes no more writes`);
  }

  begin(columns: readonly SinkColumn[]): void {
    this.live();
    if (this.columns.length) throw new Error('begin() called twice without reset()');
    const limit = Math.min(this.options.dictionaryLimit ?? DICTIONARY_LIMIT, DICTIONARY_LIMIT);
    for (const c of columns) {
      const kind = parseDType(c.dtype).kind;
      this.columns.push(kind === 'S' ? new StringColumn(this.names, c, this.headerBytes, limit) : new NumericColumn(this.names, c, this.headerBytes));
    }
    this.publish();
  }

  append(rows: number, batches: readonly ColumnBatch[]): void {
    this.live();
    if (batches.length !== this.columns.length) throw new Error(`append: ${batches.length} batches for ${this.columns.length} columns`);
    if (rows === 0) return;
    for (let i = 0; i < batches.length; i++) this.columns[i]!.append(this.appended, rows, batches[i]!);
    this.appended += rows;
  }

  widen(index: number, dtype: string, reason: string): void {
    this.live();
    const col = this.column(index);
    col.widen(dtype, this.appended);
    col.reason = reason;
    this.publish();
  }

  describe(index: number, reason: string): void {
    this.column(index).reason = reason;
  }

  reset(): void {
    this.live();
    for (const c of this.columns) c.close();
    this.columns = [];
    this.appended = 0;
    this.committed = 0;
    this.publish();
  }

  commit(): void {
    this.live();
    this.committed = this.appended;
    this.publish();
  }

  finish(): void {
    this.live();
    this.committed = this.appended;
    for (const c of this.columns) c.finish(this.committed);
    this.publish({ state: 'ready' });
    this.done = true;
    this.closeFiles();
  }

  /** Records the failure and lets go of every file; safe at any point, also after another error or twice. */
  fail(info: LoadErrorInfo): void {
    this.done = true;
    this.closeFiles();
    try {
      this.publish({ state: 'failed', error: info });
    } catch {
      // The directory may be gone already (the host closed the dataset); then nobody is left to tell.
    }
  }

  /** Records what the loader learned about its input (the detected dialect, the real byte count). */
  setSource(patch: SourcePatch): void {
    this.manifest = { ...this.manifest, source: { ...this.manifest.source, ...patch } };
    // A ready dataset may still learn about its source (the loader reports its dialect after finishing).
    if (!this.done || this.manifest.state === 'ready') this.publish();
  }

  setDialect(dialect: TextDialect): void {
    this.setSource({ dialect });
  }

  /** Closes the files without changing the manifest, for a worker that stops on cancel. */
  close(): void {
    this.done = true;
    this.closeFiles();
  }

  private column(index: number): ColumnWriter {
    const c = this.columns[index];
    if (!c) throw new Error(`no column ${index}`);
    return c;
  }

  private closeFiles(): void {
    for (const c of this.columns) c.close();
  }

  private publish(patch: Partial<Pick<DatasetManifest, 'state' | 'error'>> = {}): void {
    this.manifest = {
      ...this.manifest,
      ...patch,
      rows: this.committed,
      shape: [this.committed],
      columns: this.columns.map((c) => c.info()),
    };
    writeManifest(this.dir, this.manifest);
  }
}
