// Opened HDF5 files (one reader process each, never copied into the store) and the datasets opened from their trees.

import { basename } from 'node:path';
import type { ArraySlice, H5TreeNode, LevelOfDetail, LodRequest, SliceRequest } from '../shared/array-view.js';
import type { DatasetInfo, DatasetState, LoadErrorInfo } from '../shared/dataset.js';
import type { RowWindow } from '../shared/row-window.js';
import { readArrayLod, readArraySlice, type ArraySource } from './arrays/array-reads.js';
import type { EntryLayout } from './h5read/h5-types-in.js';
import type { ReaderApi } from './h5read/h5-reader-api.js';
import { LoadError } from './load-error.js';
import type { WorkerSpawner } from './pool/spawn.js';
import { WorkerConnection } from './pool/worker-connection.js';

interface H5File {
  readonly id: string;
  readonly path: string;
  readonly bytes: number;
  readonly reader: WorkerConnection<ReaderApi>;
  state: DatasetState;
  tree?: H5TreeNode;
  error?: LoadErrorInfo;
}

interface H5Entry {
  readonly id: string;
  readonly file: H5File;
  readonly path: string;
  readonly layout: EntryLayout;
}

export class H5Files {
  private readonly files = new Map<string, H5File>();
  private readonly entries = new Map<string, H5Entry>();
  private counter = 0;

  constructor(private readonly spawner: WorkerSpawner, private readonly changed: () => void) {}

  has(id: string): boolean {
    return this.files.has(id) || this.entries.has(id);
  }

  /** Starts a reader process for the file; the list shows it loading until its tree has been read. */
  open(path: string, bytes: number): string {
    const id = `h${++this.counter}`;
    const reader = new WorkerConnection<ReaderApi>(this.spawner, 'h5reader', basename(path));
    const f: H5File = { id, path, bytes, reader, state: 'loading' };
    this.files.set(id, f);
    reader.call('open', { path }).then(
      ({ tree }) => {
        f.tree = tree;
        f.state = 'ready';
      },
      (e: unknown) => {
        f.state = 'failed';
        f.error = e instanceof LoadError ? e.info : { file: path, message: (e as Error).message };
        reader.kill();
      },
    ).finally(this.changed);
    return id;
  }

  async openEntry(fileId: string, path: string): Promise<string> {
    const f = this.files.get(fileId);
    if (!f) throw new Error(`${fileId} is not an open HDF5 file`);
    if (f.state !== 'ready') throw new Error(`${basename(f.path)} is ${f.state}`);
    for (const e of this.entries.values()) if (e.file === f && e.path === path) return e.id;
    const layout = await f.reader.call('layout', { path });
    const id = `h${++this.counter}`;
    this.entries.set(id, { id, file: f, path, layout });
    this.changed();
    return id;
  }

  list(): DatasetInfo[] {
    const out: DatasetInfo[] = [];
    for (const f of this.files.values()) {
      out.push({
        id: f.id, name: basename(f.path), sourcePath: f.path, sourceBytes: f.bytes, format: 'hdf5', state: f.state,
        rows: 0, columns: [], storeBytes: 0,
        ...(f.tree ? { tree: f.tree } : {}), ...(f.error ? { error: f.error } : {}),
      });
      for (const e of this.entries.values()) if (e.file === f) out.push(entryInfo(e));
    }
    return out;
  }

  /** Closing a file ends its reader and every dataset opened from it. */
  /** Splits an export's dataset ids into store datasets and the opened HDF5 files (whole, or just some entries) to copy. */
  exportInputs(datasetIds: readonly string[]): { storeIds: string[]; files: { path: string; only?: string[] }[] } {
    const h5 = this.list().filter((d) => datasetIds.includes(d.id));
    const files = new Map<string, string[] | undefined>();
    for (const d of h5) {
      const only = files.has(d.sourcePath) ? files.get(d.sourcePath) : [];
      if (!d.entry || only === undefined) files.set(d.sourcePath, undefined);
      else files.set(d.sourcePath, [...only, d.entry.path]);
    }
    const h5Ids = new Set(h5.map((d) => d.id));
    return { storeIds: datasetIds.filter((id) => !h5Ids.has(id)), files: [...files].map(([path, only]) => ({ path, ...(only ? { only } : {}) })) };
  }

  close(id: string): boolean {
    const f = this.files.get(id);
    if (f) {
      f.reader.kill();
      this.files.delete(id);
      for (const e of [...this.entries.values()]) if (e.file === f) this.entries.delete(e.id);
      return true;
    }
    return this.entries.delete(id);
  }

  processes(): { pid: number | undefined; label: string }[] {
    return [...this.files.values()].filter((f) => f.reader.alive).map((f) => ({ pid: f.reader.pid, label: basename(f.path) }));
  }

  dispose(): void {
    for (const f of this.files.values()) f.reader.kill();
    this.files.clear();
    this.entries.clear();
  }

  async readWindow(id: string, firstRow: number, rowCount: number, columns?: readonly string[]): Promise<RowWindow> {
    const e = this.entry(id);
    const l = e.layout;
    const total = l.kind === 'table' ? l.rows : l.shape.length === 0 ? 1 : l.shape[0]!;
    const first = Math.min(firstRow, total);
    const count = Math.max(0, Math.min(rowCount, total - first));
    if (l.kind === 'table') {
      const got = await e.file.reader.call('readRows', { path: e.path, first, count });
      return { datasetId: id, firstRow: first, rowCount: count, totalRows: total, columns: got.filter((c) => !columns || columns.includes(c.name)) };
    }
    if (l.shape.length > 1) throw new Error(`${e.path} is a ${l.shape.length}-d array: read it with readSlice`);
    const s = await this.readSlice(id, { rowDim: 0, indices: l.shape.map(() => 0), rowStart: first, rowCount: count });
    return { datasetId: id, firstRow: first, rowCount: s.rowCount, totalRows: total, columns: [{ name: 'value', dtype: l.dtype, data: s.data }] };
  }

  readSlice(id: string, request: SliceRequest): Promise<ArraySlice> {
    return readArraySlice(this.source(id), id, request);
  }

  readLevelOfDetail(id: string, request: LodRequest): Promise<LevelOfDetail> {
    return readArrayLod(this.source(id), id, request);
  }

  private entry(id: string): H5Entry {
    const e = this.entries.get(id);
    if (!e) throw new Error(`dataset ${id} is not open`);
    return e;
  }

  private source(id: string): ArraySource {
    const e = this.entry(id);
    if (e.layout.kind !== 'array') throw new Error(`${e.path} is a table of compound records, not an array`);
    return { shape: e.layout.shape, dtype: e.layout.dtype, read: (slab) => e.file.reader.call('readSlab', { path: e.path, slab }) };
  }
}

function entryInfo(e: H5Entry): DatasetInfo {
  const l = e.layout;
  const rows = l.kind === 'table' ? l.rows : l.shape.length === 0 ? 1 : l.shape[0]!;
  const why = `HDF5 dataset ${e.path}, read from the file on demand`;
  return {
    id: e.id,
    name: `${basename(e.file.path)}:${e.path}`,
    sourcePath: e.file.path,
    sourceBytes: e.file.bytes,
    format: 'hdf5',
    state: 'ready',
    rows,
    columns: l.kind === 'table' ? l.columns.map((c) => ({ name: c.name, dtype: c.dtype, reason: `${why} (compound member)` })) : [{ name: 'value', dtype: l.dtype, reason: l.kind === 'array' && l.note ? l.note : why }],
    storeBytes: 0,
    entry: { fileId: e.file.id, path: e.path },
    ...(l.kind === 'array' ? { array: { shape: l.shape, dtype: l.dtype } } : {}),
  };
}
