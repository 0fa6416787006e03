// A TableSink for tests that keeps every batch in memory and can hand each column back as raw little-endian bytes.

import type { ColumnBatch, SinkColumn, TableSink } from '../../store/table-sink.js';

const SIZES: Record<string, number> = { b1: 1, i1: 1, u1: 1, i2: 2, u2: 2, i4: 4, u4: 4, f4: 4, i8: 8, u8: 8, f8: 8 };

export class MemorySink implements TableSink {
  columns: SinkColumn[] = [];
  /** Per column: fixed values as byte chunks, or strings as byte arrays. */
  private fixed: Uint8Array[][] = [];
  private strings: Uint8Array[][] = [];
  rows = 0;
  committed = 0;
  finished = false;
  readonly calls: string[] = [];

  begin(columns: readonly SinkColumn[]): void {
    if (this.rows !== 0 || this.columns.length !== 0) throw new Error('begin() twice without reset()');
    this.calls.push('begin');
    this.columns = columns.map((c) => ({ ...c }));
    this.fixed = columns.map(() => []);
    this.strings = columns.map(() => []);
  }

  append(rows: number, batches: readonly ColumnBatch[]): void {
    if (batches.length !== this.columns.length) throw new Error(`append: ${batches.length} batches for ${this.columns.length} columns`);
    batches.forEach((b, i) => {
      const col = this.columns[i]!;
      if (b.kind === 'fixed') {
        const size = SIZES[col.dtype.slice(1)];
        if (size === undefined || b.data.byteLength !== rows * size) throw new Error(`append: column ${col.name} ${col.dtype} got ${b.data.byteLength} bytes for ${rows} rows`);
        this.fixed[i]!.push(new Uint8Array(b.data.buffer, b.data.byteOffset, b.data.byteLength).slice());
      } else {
        if (b.offsets.length !== rows + 1) throw new Error(`append: column ${col.name} got ${b.offsets.length} offsets for ${rows} rows`);
        for (let k = 0; k < rows; k++) this.strings[i]!.push(b.bytes.slice(b.offsets[k], b.offsets[k + 1]));
      }
    });
    this.rows += rows;
  }

  widen(index: number, dtype: string, reason: string): void {
    this.calls.push(`widen ${index} ${dtype}`);
    const col = this.columns[index]!;
    const old = this.values(index) as Array<number | bigint>;
    const bytes = encode(Array.from(old, (v) => Number(v)), dtype);
    this.fixed[index] = [bytes];
    this.columns[index] = { ...col, dtype, reason };
  }

  describe(index: number, reason: string): void {
    this.columns[index] = { ...this.columns[index]!, reason };
  }

  reset(): void {
    this.calls.push('reset');
    this.columns = [];
    this.fixed = [];
    this.strings = [];
    this.rows = 0;
  }

  commit(): void {
    this.committed = this.rows;
  }

  finish(): void {
    this.finished = true;
  }

  /** Column `index` as raw little-endian bytes (fixed columns only). */
  rawBytes(index: number): Uint8Array {
    const chunks = this.fixed[index]!;
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }

  /** Column `index` as JS values: numbers, bigints (64-bit ints), booleans or latin1 strings. */
  values(index: number): Array<number | bigint | boolean | string> {
    const col = this.columns[index]!;
    if (col.dtype.includes('S') || col.dtype.includes('U')) return this.strings[index]!.map((b) => Buffer.from(b).toString('latin1'));
    const raw = this.rawBytes(index);
    const buf = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
    switch (col.dtype.slice(1)) {
      case 'f8': return Array.from(new Float64Array(buf));
      case 'f4': return Array.from(new Float32Array(buf));
      case 'i4': return Array.from(new Int32Array(buf));
      case 'i8': return Array.from(new BigInt64Array(buf));
      case 'u8': return Array.from(new BigUint64Array(buf));
      case 'b1': return Array.from(new Uint8Array(buf), (v) => v === 1);
      case 'i2': return Array.from(new Int16Array(buf));
      case 'i1': return Array.from(new Int8Array(buf));
      case 'u1': return Array.from(new Uint8Array(buf));
      case 'u2': return Array.from(new Uint16Array(buf));
      case 'u4': return Array.from(new Uint32Array(buf));
      default: throw new Error(`values: ${col.dtype}`);
    }
  }
}

function encode(values: number[], dtype: string): Uint8Array {
  if (dtype === '<f8') return new Uint8Array(Float64Array.from(values).buffer);
  if (dtype === '<i8') return new Uint8Array(BigInt64Array.from(values, (v) => BigInt(v)).buffer);
  throw new Error(`widen to ${dtype} is not a numeric widening`);
}
