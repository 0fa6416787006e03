// A table's current view (kept rows in view order, chosen columns) as the ColumnSource every export writer reads through.

import type { ColumnSource, DictionaryBytes, FixedBytes } from '../hdf5/column-source.js';
import type { DatasetReader } from '../store/dataset-reader.js';
import { parseDType } from '../../shared/dtype.js';
import { gatherColumn } from '../view/gather.js';
import { openRowIndex, type RowIndex, type RowIndexFile } from '../view/row-index.js';

/** Which rows and columns of a table an export writes; absent parts mean every row in order, every column. */
export interface TableView {
  /** A row index file in the dataset's directory ('<u4'/'<u8' .npy of original row numbers in view order). */
  readonly indexFile?: string;
  /** Columns to write, in this order. */
  readonly columns?: readonly string[];
  /** The filter and sort as the user wrote them, kept with the output (HDF5 attribute 'view'). */
  readonly description?: string;
}

export interface ViewSourceOptions {
  readonly name: string;
  readonly attributes: Record<string, string | number>;
  readonly view?: TableView;
  /**
   * Gathered bytes held at once over all chosen columns. A sorted view's rows are scattered over the whole
   * table, so every window is one pass over each column: bigger windows mean fewer passes.
   */
  readonly windowBytes?: number;
  /** Bytes of a column read per slab while gathering. */
  readonly slabBytes?: number;
}

export interface ViewColumnSource extends ColumnSource {
  /** Closes the index file (the reader is the caller's). */
  close(): void;
}

const DEFAULT_WINDOW_BYTES = 128 << 20;
/** The reader keeps one slab buffer per column read, so this times the column count stays allocated during the export. */
const DEFAULT_SLAB_BYTES = 16 << 20;

type Window = ArrayBufferView | FixedBytes | DictionaryBytes;

/** Values [offset, offset + count) of a gathered window, without copying; `per` typed-array elements per value (2 for complex). */
function slice(w: Window, offset: number, count: number, per: number): Window {
  if (ArrayBuffer.isView(w)) {
    const typed = w as unknown as { subarray(a: number, b: number): ArrayBufferView };
    return typed.subarray(offset * per, (offset + count) * per);
  }
  if ('codes' in w) return { width: w.width, codes: w.codes.subarray(offset, offset + count), values: w.values };
  return { width: w.width, bytes: w.bytes.subarray(offset * w.width, (offset + count) * w.width) };
}

/** Checks the chosen columns against the table: unknown or repeated names are refused before any file exists. */
export function chooseColumns(reader: DatasetReader, name: string, columns: readonly string[] | undefined): { name: string; dtype: string; reason: string }[] {
  const all = reader.manifest.columns;
  if (columns === undefined) return all.map((c) => ({ name: c.name, dtype: c.dtype, reason: c.reason }));
  if (columns.length === 0) throw new Error(`${name}: choose at least one column to export`);
  const seen = new Set<string>();
  return columns.map((c) => {
    const col = all.find((x) => x.name === c);
    if (!col) throw new Error(`${name} has no column '${c}' (its columns: ${all.map((x) => x.name).join(', ')})`);
    if (seen.has(c)) throw new Error(`column '${c}' of ${name} is chosen twice`);
    seen.add(c);
    return { name: col.name, dtype: col.dtype, reason: col.reason };
  });
}

/**
 * The view of `reader` as a ColumnSource: rows are the index's entries (all rows without one), columns the chosen
 * ones. With an index, readColumn gathers a window of many rows at once (gatherColumn: exact bits, dictionary
 * columns as codes) and serves the writer's smaller blocks from it; windows of columns no longer read are dropped.
 */
export function viewColumnSource(reader: DatasetReader, options: ViewSourceOptions): ViewColumnSource {
  const view = options.view;
  const columns = chooseColumns(reader, options.name, view?.columns);
  const source = { name: options.name, columns: columns.map(({ name, dtype }) => ({ name, dtype })), attributes: options.attributes };
  if (view?.indexFile === undefined) {
    return {
      ...source,
      rows: reader.rows,
      // Encoded and into reused buffers: the writer copies each window before reading that column again.
      readColumn: (index, first, count) => reader.readEncoded(columns[index]!.name, first, count),
      close: () => undefined,
    };
  }
  const index: RowIndexFile = openRowIndex(reader.dir, view.indexFile);
  // Gathered bytes per row: dictionary columns are gathered as 2-byte codes.
  const gatheredBytes = columns.reduce((sum, c) => {
    const col = reader.manifest.columns.find((x) => x.name === c.name)!;
    return sum + (col.storage.kind === 'dictionary' ? 2 : parseDType(col.dtype).itemSize);
  }, 0);
  const windowRows = Math.max(1, Math.floor((options.windowBytes ?? DEFAULT_WINDOW_BYTES) / Math.max(1, gatheredBytes)));
  const slabBytes = options.slabBytes ?? DEFAULT_SLAB_BYTES;
  const perValue = columns.map((c) => (parseDType(c.dtype).kind === 'c' ? 2 : 1));
  let rows: { first: number; span: number; entries: RowIndex } | undefined;
  const windows = new Map<number, { first: number; count: number; data: Window }>();

  // Every column of a block asks for the same entries: read them once.
  const entries = (first: number, span: number): RowIndex => {
    if (rows?.first !== first || rows.span !== span) rows = { first, span, entries: index.read(first, span) };
    return rows.entries;
  };

  return {
    ...source,
    rows: index.length,
    readColumn(i, first, count) {
      let w = windows.get(i);
      if (!w || first < w.first || first + count > w.first + w.count) {
        // A whole number of the writer's blocks per window, so no block straddles two windows.
        const span = count > 0 ? Math.max(count, Math.floor(windowRows / count) * count) : 0;
        const at = entries(first, span);
        for (const [k, other] of windows) if (other.first !== first) windows.delete(k);
        w = { first, count: at.length, data: gatherColumn(reader, columns[i]!.name, at, slabBytes) as Window };
        windows.set(i, w);
      }
      return slice(w.data, first - w.first, Math.min(count, w.first + w.count - first), perValue[i]!);
    },
    close: () => index.close(),
  };
}
