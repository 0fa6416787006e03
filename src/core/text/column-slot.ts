// One column's state while loading: its kind and dtype, and the typed arrays of the batch being filled.

import type { ParsedDType } from '../../shared/dtype.js';
import type { ColumnBatch, SinkColumn } from '../store/table-sink.js';
import { K_BOOL, K_F32, K_F64, K_I32, K_I64, K_INT, K_NONE, K_STR, K_U64, inferredDType } from './column-kinds.js';

const NO_F64 = new Float64Array(0);
const NO_F32 = new Float32Array(0);
const NO_I32 = new Int32Array(0);
const NO_U8 = new Uint8Array(0);

type SmallInts = Int8Array | Int16Array | Uint8Array | Uint16Array | Uint32Array;

export class ColumnSlot {
  name: string;
  kind: number;
  /** From a dtype spec: never widened, a misfit is a LoadError. */
  readonly fixed: boolean;
  readonly spec: ParsedDType | null;
  reason: string;
  /** Width limit of a spec's S/U column (0: none); U counts characters. */
  readonly width: number;
  readonly unicode: boolean;
  /** Widest string value seen (bytes). */
  maxWidth = 0;
  /** Range of a K_INT spec column. */
  readonly min: number;
  readonly max: number;
  /** First missing value seen (for reasons). */
  missingLine = 0;
  missingText = '';

  f64 = NO_F64;
  f32 = NO_F32;
  i32 = NO_I32;
  /** Little-endian 32-bit words of an int64/uint64 batch; `big`/`ubig` view the same buffer. */
  words: Int32Array<ArrayBufferLike> = NO_I32;
  big: BigInt64Array = new BigInt64Array(0);
  ubig: BigUint64Array = new BigUint64Array(0);
  u8 = NO_U8;
  small: SmallInts = NO_U8;
  bytes = NO_U8;
  offsets = NO_I32;
  used = 0;

  constructor(name: string, kind: number, reason: string, spec: ParsedDType | null) {
    this.name = name;
    this.kind = kind;
    this.reason = reason;
    this.spec = spec;
    this.fixed = spec !== null;
    this.width = spec && (spec.kind === 'S' || spec.kind === 'U') ? (spec.kind === 'U' ? spec.itemSize / 4 : spec.itemSize) : 0;
    this.unicode = spec?.kind === 'U';
    const bits = spec ? spec.itemSize * 8 : 0;
    this.min = spec?.kind === 'i' ? -(2 ** (bits - 1)) : 0;
    this.max = spec?.kind === 'i' ? 2 ** (bits - 1) - 1 : spec?.kind === 'u' ? 2 ** bits - 1 : 0;
  }

  get dtype(): string {
    return this.spec ? this.spec.descr : inferredDType(this.kind, this.maxWidth);
  }

  describe(): SinkColumn {
    return this.fixed && (this.kind === K_STR)
      ? { name: this.name, dtype: this.dtype, reason: this.reason, fixedWidth: true }
      : { name: this.name, dtype: this.dtype, reason: this.reason };
  }

  /**
   * Arrays for a batch of `cap` rows. A sink takes a batch synchronously inside append() (see TableSink) and keeps
   * copies, not the arrays, so one set serves every batch: fresh arrays per batch cost a page fault per 4 KiB.
   */
  allocate(cap: number): void {
    switch (this.kind) {
      case K_F64: case K_NONE: if (this.f64.length !== cap) this.f64 = new Float64Array(cap); break;
      case K_F32: if (this.f32.length !== cap) this.f32 = new Float32Array(cap); break;
      case K_I32: if (this.i32.length !== cap) this.i32 = new Int32Array(cap); break;
      case K_I64:
        if (this.big.length !== cap) this.big = new BigInt64Array(cap);
        this.words = new Int32Array(this.big.buffer);
        break;
      case K_U64:
        if (this.ubig.length !== cap) this.ubig = new BigUint64Array(cap);
        this.words = new Int32Array(this.ubig.buffer);
        break;
      case K_BOOL: if (this.u8.length !== cap) this.u8 = new Uint8Array(cap); break;
      case K_INT: if (this.small.length !== cap) this.small = smallArray(this.spec!, cap); break;
      case K_STR:
        // Room for 8 bytes a value from the start: growing means a record the fast path hands back (see FastRows).
        if (this.bytes.length < Math.max(1024, cap * 8)) this.bytes = new Uint8Array(Math.max(1024, cap * 8));
        if (this.offsets.length !== cap + 1) this.offsets = new Int32Array(cap + 1);
        this.used = 0;
        break;
    }
  }

  /** Makes room for `n` more string bytes. */
  reserve(n: number): void {
    if (this.used + n <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.used + n));
    next.set(this.bytes.subarray(0, this.used));
    this.bytes = next;
  }

  /** The first `rows` values of this batch for the sink. */
  batch(rows: number): ColumnBatch {
    switch (this.kind) {
      case K_F64: case K_NONE: return { kind: 'fixed', data: this.f64.subarray(0, rows) };
      case K_F32: return { kind: 'fixed', data: this.f32.subarray(0, rows) };
      case K_I32: return { kind: 'fixed', data: this.i32.subarray(0, rows) };
      case K_I64: return { kind: 'fixed', data: this.big.subarray(0, rows) };
      case K_U64: return { kind: 'fixed', data: this.ubig.subarray(0, rows) };
      case K_BOOL: return { kind: 'fixed', data: this.u8.subarray(0, rows) };
      case K_INT: return { kind: 'fixed', data: this.small.subarray(0, rows) };
      default: return { kind: 'strings', bytes: this.bytes.subarray(0, this.used), offsets: this.offsets.subarray(0, rows + 1) };
    }
  }

  /** Rewrites the `rows` values of the current batch into numeric kind `to` (int32 → int64, integers → float64). */
  convert(to: number, rows: number, cap: number): void {
    const from = this.kind;
    const i32 = this.i32;
    const big = this.big;
    this.kind = to;
    this.allocate(cap);
    if (to === K_I64 && from === K_I32) {
      for (let r = 0; r < rows; r++) this.big[r] = BigInt(i32[r]!);
    } else if (to === K_F64 && from === K_I32) {
      for (let r = 0; r < rows; r++) this.f64[r] = i32[r]!;
    } else if (to === K_F64 && from === K_I64) {
      for (let r = 0; r < rows; r++) this.f64[r] = Number(big[r]!);
    }
  }
}

function smallArray(d: ParsedDType, cap: number): SmallInts {
  if (d.kind === 'i') return d.itemSize === 1 ? new Int8Array(cap) : new Int16Array(cap);
  return d.itemSize === 1 ? new Uint8Array(cap) : d.itemSize === 2 ? new Uint16Array(cap) : new Uint32Array(cap);
}

/** The slot kind for a spec dtype. */
export function kindOfSpec(d: ParsedDType): number {
  switch (d.kind) {
    case 'b': return K_BOOL;
    case 'f': return d.itemSize === 4 ? K_F32 : K_F64;
    case 'i': return d.itemSize === 4 ? K_I32 : d.itemSize === 8 ? K_I64 : K_INT;
    case 'u': return d.itemSize === 8 ? K_U64 : K_INT;
    default: return K_STR;
  }
}
