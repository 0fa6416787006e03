// Writes one table as a .npy structured array (one field per column, the store's exact dtypes) in bounded blocks.

import { parseDType, type ParsedDType } from '../../shared/dtype.js';
import type { ColumnSource, DictionaryBytes, FixedBytes } from '../hdf5/column-source.js';
import { scatter, type ColumnBytes } from '../hdf5/h5-fill.js';
import { structuredDescr, structuredNpyHeader } from './npy-structured-header.js';
import { writeAtomically, type StreamOptions } from './streamed-file.js';

/** Bytes of records assembled per write: the HDF5 writer's block size, for the same cache-friendly reasons. */
const DEFAULT_BLOCK_BYTES = 4 << 20;

export interface TableExportResult {
  readonly fileBytes: number;
  /** One entry: the table's name, rows and its structured dtype as a JSON list of [name, descr]. */
  readonly datasets: { name: string; rows: number; dtype: string }[];
}

export interface NpyExportOptions extends StreamOptions {
  /** Upper bound of one block of records (tests lower it to force many blocks). */
  readonly blockBytes?: number;
}

/** Checks a column window against its dtype and the row count asked for, so a short read cannot shift the records after it. */
export function checkedColumn(value: ArrayBufferView | FixedBytes | DictionaryBytes, d: ParsedDType, count: number, where: string): ColumnBytes {
  if (d.kind === 'S' || d.kind === 'U') {
    if (ArrayBuffer.isView(value)) throw new Error(`${where}: expected fixed-width items for ${d.descr}, got a typed array`);
    if (!Number.isInteger(value.width) || value.width < 1 || value.width > d.itemSize) throw new Error(`${where}: item width ${value.width} does not fit ${d.descr}`);
    if ('codes' in value) {
      if (value.codes.length !== count) throw new Error(`${where}: ${value.codes.length} dictionary codes for ${count} values`);
      return { bytes: value.values, width: value.width, codes: value.codes };
    }
    if (value.bytes.length !== value.width * count) throw new Error(`${where}: ${value.bytes.length} bytes for ${count} values of width ${value.width}`);
    return { bytes: value.bytes, width: value.width };
  }
  if (!ArrayBuffer.isView(value)) throw new Error(`${where}: expected a typed array for ${d.descr}`);
  if (value.byteLength !== d.itemSize * count) throw new Error(`${where}: ${value.byteLength} bytes for ${count} values of ${d.descr}`);
  return { bytes: new Uint8Array(value.buffer, value.byteOffset, value.byteLength), width: d.itemSize };
}

/** The source's structured dtype: [name, canonical descr] per column. */
export function sourceDescr(source: ColumnSource): { name: string; descr: string; dtype: ParsedDType }[] {
  return source.columns.map((c) => {
    const dtype = parseDType(c.dtype);
    if (dtype.byteOrder === '>') throw new Error(`column '${c.name}': big-endian ${dtype.descr} is not stored`);
    return { name: c.name, descr: dtype.descr, dtype };
  });
}

/**
 * Writes `source` to `options.destination` as what `np.save(path, structured_array)` writes: a v1.0 header
 * (v2.0 when the field list is longer than 64 KiB) and packed little-endian records. Atomic like the HDF5 export.
 */
export async function exportNpy(source: ColumnSource, options: NpyExportOptions): Promise<TableExportResult> {
  const fields = sourceDescr(source);
  if (fields.length === 0) throw new Error(`${source.name}: a structured array needs at least one column`);
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) throw new Error(`${source.name}: column '${f.name}' appears twice; NumPy field names are unique`);
    seen.add(f.name);
  }
  const recordBytes = fields.reduce((sum, f) => sum + f.dtype.itemSize, 0);
  const offsets = fields.map((_, i) => fields.slice(0, i).reduce((sum, f) => sum + f.dtype.itemSize, 0));
  const header = structuredNpyHeader(structuredDescr(fields), source.rows);
  const blockRows = Math.max(1, Math.floor((options.blockBytes ?? DEFAULT_BLOCK_BYTES) / recordBytes));
  const buffer = new Uint8Array(Math.min(blockRows, Math.max(1, source.rows)) * recordBytes);
  const fileBytes = await writeAtomically(options, source.rows * recordBytes, async (out) => {
    out.write(header);
    for (let first = 0; first < source.rows; first += blockRows) {
      const count = Math.min(blockRows, source.rows - first);
      fields.forEach((f, i) => {
        const where = `${source.name}, column '${f.name}', rows ${first}–${first + count}`;
        const bytes = checkedColumn(source.readColumn(i, first, count), f.dtype, count, where);
        scatter(buffer, offsets[i]!, recordBytes, f.dtype.itemSize, bytes, count, f.dtype.kind === 'b');
      });
      out.write(buffer.subarray(0, count * recordBytes));
      await out.afterBlock((first + count) * recordBytes);
    }
  });
  return { fileBytes, datasets: [{ name: source.name, rows: source.rows, dtype: JSON.stringify(fields.map((f) => [f.name, f.descr])) }] };
}
