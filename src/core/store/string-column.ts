// A byte-string column being written: dictionary codes while values repeat, a fixed-width 'S' file once they do not.

import { parseDType } from '../../shared/dtype.js';
import type { ManifestColumn } from './manifest.js';
import type { ColumnBatch, SinkColumn } from './table-sink.js';
import type { ColumnWriter } from './numeric-column.js';
import { ByteDictionary } from './byte-dictionary.js';
import { NpyFile, type FileNames } from './npy-file.js';
import {
  fixedToSpans, gatherFixed, maxStringLength, offsetsToSpans, packStrings, restride, type StringSpans,
} from './fixed-bytes.js';

/** Codes are '<u2', so a dictionary holds at most this many values (code 65535 stays free). */
export const DICTIONARY_LIMIT = 65535;
/** Bytes moved per block when a column is rewritten (decode, regrow, compact). */
const REWRITE_BLOCK_BYTES = 32 << 20;

interface DictionaryState {
  readonly dict: ByteDictionary;
  readonly codes: NpyFile;
  values: NpyFile;
  valuesWritten: number;
}

export class StringColumn implements ColumnWriter {
  readonly name: string;
  reason: string;
  private readonly declaredWidth: number | null;
  /** Longest value seen, in bytes. */
  private maxLength = 0;
  private dictionary: DictionaryState | null;
  private plain: NpyFile | null = null;
  /**
   * The codes of one batch, reused: a fresh 128 KiB array per 64K-row batch is an mmap and a page fault per 4 KiB
   * (~13 µs each on the test VM): 153 fresh arrays, one per batch of a 10M-row load, took 63–123 ms here.
   */
  private codes = new Uint16Array(0);

  constructor(
    private readonly names: FileNames,
    column: SinkColumn,
    private readonly headerBytes: number,
    dictionaryLimit = DICTIONARY_LIMIT,
  ) {
    this.name = column.name;
    this.reason = column.reason;
    const d = parseDType(column.dtype);
    if (d.kind !== 'S') throw new Error(`column '${column.name}': string columns are '|S<n>', not ${d.descr}`);
    this.declaredWidth = column.fixedWidth ? d.itemSize : null;
    const codes = NpyFile.create(names.dir, names.next(column.name, '.codes'), '<u2', headerBytes);
    const values = NpyFile.create(names.dir, names.next(column.name, '.dict'), `|S${this.logicalWidth}`, headerBytes);
    this.dictionary = { dict: new ByteDictionary(Math.min(dictionaryLimit, DICTIONARY_LIMIT)), codes, values, valuesWritten: 0 };
  }

  /** The width NumPy would give the column now: declared, else the longest value (at least 1). */
  private get logicalWidth(): number {
    return this.declaredWidth ?? Math.max(1, this.maxLength);
  }

  info(): ManifestColumn {
    const dtype = `|S${this.logicalWidth}`;
    const base = { name: this.name, dtype, reason: this.reason };
    if (this.plain) return { ...base, storage: { kind: 'plain', file: this.plain.file, dtype: this.plain.dtype.descr } };
    const d = this.dictionary!;
    return {
      ...base,
      encoding: 'dictionary',
      storage: {
        kind: 'dictionary', codesFile: d.codes.file, codesDtype: '<u2',
        valuesFile: d.values.file, valuesDtype: d.values.dtype.descr, valueCount: d.valuesWritten,
      },
    };
  }

  append(firstRow: number, rows: number, batch: ColumnBatch): void {
    const spans = batch.kind === 'strings'
      ? offsetsToSpans(batch.bytes, batch.offsets, rows)
      : this.fixedSpans(batch.data, rows);
    const longest = maxStringLength(spans, rows);
    if (this.declaredWidth !== null && longest > this.declaredWidth)
      throw new Error(`column '${this.name}': a ${longest}-byte value does not fit the declared |S${this.declaredWidth}`);
    this.maxLength = Math.max(this.maxLength, longest);
    if (this.dictionary && this.appendCodes(firstRow, rows, spans)) return;
    this.appendPlain(firstRow, rows, spans);
  }

  private fixedSpans(data: ArrayBufferView, rows: number): StringSpans {
    const width = rows === 0 ? 0 : data.byteLength / rows;
    if (!Number.isInteger(width)) throw new Error(`column '${this.name}': ${data.byteLength} bytes is not ${rows} fixed-width items`);
    return fixedToSpans(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, rows);
  }

  /** Dictionary-encodes the batch; false (and the column turned plain) when it holds too many distinct values. */
  private appendCodes(firstRow: number, rows: number, s: StringSpans): boolean {
    const d = this.dictionary!;
    if (this.codes.length < rows) this.codes = new Uint16Array(rows);
    const codes = this.codes.subarray(0, rows);
    if (!encodeCodes(d.dict, s, rows, codes)) {
      this.toPlain(firstRow);
      return false;
    }
    d.codes.write(firstRow, new Uint8Array(codes.buffer, 0, rows * 2));
    this.syncValues();
    return true;
  }

  /** Writes new dictionary values; a wider value means a new, wider values file (it is small). */
  private syncValues(): void {
    const d = this.dictionary!;
    const width = this.logicalWidth;
    if (width !== d.values.dtype.itemSize) {
      const next = NpyFile.create(this.names.dir, this.names.next(this.name, '.dict'), `|S${width}`, this.headerBytes);
      try {
        next.write(0, d.dict.fixed(width));
      } catch (e) {
        next.close();
        throw e;
      }
      d.values.close();
      d.values = next;
    } else if (d.valuesWritten < d.dict.size) {
      d.values.write(d.valuesWritten, d.dict.fixed(width, d.valuesWritten));
    }
    d.valuesWritten = d.dict.size;
  }

  /** Decodes the first `rows` rows once, in blocks, into a plain fixed-width file; the dictionary files become garbage. */
  private toPlain(rows: number): void {
    const d = this.dictionary!;
    const width = this.logicalWidth;
    const file = NpyFile.create(this.names.dir, this.names.next(this.name), `|S${width}`, this.headerBytes);
    try {
      const values = d.dict.fixed(width);
      const block = Math.max(1, Math.floor(REWRITE_BLOCK_BYTES / width));
      for (let at = 0; at < rows; at += block) {
        const n = Math.min(block, rows - at);
        const codes = new Uint16Array(d.codes.read(at, n));
        const out = new Uint8Array(n * width);
        gatherFixed(values, width, codes, n, out);
        file.write(at, out);
      }
    } catch (e) {
      file.close();
      throw e;
    }
    d.codes.close();
    d.values.close();
    this.dictionary = null;
    this.plain = file;
  }

  private appendPlain(firstRow: number, rows: number, s: StringSpans): void {
    let file = this.plain!;
    if (this.maxLength > file.dtype.itemSize) {
      const grown = Math.max(this.maxLength, Math.ceil(file.dtype.itemSize * 1.5));
      file = this.rewrite(firstRow, grown);
    }
    const width = file.dtype.itemSize;
    const out = new Uint8Array(rows * width);
    packStrings(s, rows, out, width);
    file.write(firstRow, out);
  }

  /** Copies the first `rows` rows of the plain file into a new file of `width`, in blocks. */
  private rewrite(rows: number, width: number): NpyFile {
    const old = this.plain!;
    const from = old.dtype.itemSize;
    const next = NpyFile.create(this.names.dir, this.names.next(this.name), `|S${width}`, this.headerBytes);
    try {
      const block = Math.max(1, Math.floor(REWRITE_BLOCK_BYTES / Math.max(from, width)));
      for (let at = 0; at < rows; at += block) {
        const n = Math.min(block, rows - at);
        next.write(at, restride(new Uint8Array(old.read(at, n)), from, n, width));
      }
    } catch (e) {
      next.close();
      throw e;
    }
    old.close();
    this.plain = next;
    return next;
  }

  widen(dtype: string): void {
    throw new Error(`column '${this.name}' holds strings; it cannot widen to ${dtype}`);
  }

  finish(rows: number): void {
    if (this.plain) {
      if (this.plain.dtype.itemSize !== this.logicalWidth) this.rewrite(rows, this.logicalWidth);
      this.plain!.writeHeader(rows);
      return;
    }
    const d = this.dictionary!;
    d.codes.writeHeader(rows);
    d.values.writeHeader(d.valuesWritten);
  }

  close(): void {
    this.plain?.close();
    this.dictionary?.codes.close();
    this.dictionary?.values.close();
  }
}

/**
 * The dictionary codes of a batch's values into `codes`; false when the dictionary is full. A function of its own, so
 * the optimizer compiles the loop alone (code after a long loop gets no type feedback before the loop is compiled).
 */
function encodeCodes(dict: ByteDictionary, s: StringSpans, rows: number, codes: Uint16Array): boolean {
  const { bytes, starts, ends } = s;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let prevStart = -1;
  let prevLen = -1;
  let prevCode = 0;
  for (let i = 0; i < rows; i++) {
    const a = starts[i]!;
    const len = ends[i]! - a;
    // Last-value cache: sorted or blocked columns (chromosomes) repeat the previous value most of the time.
    if (len === prevLen && sameBytes(view, bytes, a, prevStart, len)) {
      codes[i] = prevCode;
      continue;
    }
    const code = dict.code(bytes, a, a + len);
    if (code < 0) return false;
    codes[i] = prevCode = code;
    prevStart = a;
    prevLen = len;
  }
  return true;
}

/** bytes[a, a+len) equals bytes[b, b+len); four bytes per step through `view` (the same memory). */
function sameBytes(view: DataView, bytes: Uint8Array, a: number, b: number, len: number): boolean {
  let i = 0;
  for (; i + 4 <= len; i += 4) if (view.getInt32(a + i) !== view.getInt32(b + i)) return false;
  for (; i < len; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}
