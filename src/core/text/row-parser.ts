// Turns tokenized records into column values: stores them in batches for the sink, or only infers kinds (sample and scan passes).

import { dtypeLabel } from '../../shared/dtype.js';
import type { TableSink } from '../store/table-sink.js';
import { K_BOOL, K_F32, K_F64, K_I32, K_I64, K_INT, K_STR, K_U64, fitsInt32, fitsInt64, widenFor, widenReason } from './column-kinds.js';
import type { ColumnSlot } from './column-slot.js';
import { BIG_INT, FALSE, FLOAT, FieldScanner, INT, MISSING, TEXT, TRUE } from './field-scan.js';
import { TextErrors, fieldText } from './text-errors.js';
import { ESCAPED, type Tokenizer, unquote } from './tokenizer.js';

const TWO32 = 4294967296;

export class RowParser {
  /** Rows in the current batch. */
  n = 0;
  /** Set when an inferred column had to become a string after numbers were stored: only inference continues. */
  scanOnly = false;
  readonly scanner = new FieldScanner();
  readonly errors: TextErrors;

  constructor(
    private readonly tok: Tokenizer,
    readonly slots: ColumnSlot[],
    private readonly sink: TableSink | null,
    file: string,
    readonly cap: number,
  ) {
    this.errors = new TextErrors(file, tok);
    if (sink) for (const s of slots) s.allocate(cap);
  }

  storeRecord(nf: number): void {
    const tok = this.tok;
    const slots = this.slots;
    if (nf !== slots.length) throw this.errors.fieldCount(nf, slots.length);
    if (tok.nulAt >= 0 || tok.unclosedQuote >= 0) this.errors.checkRecord();
    const buf = tok.buf;
    const starts = tok.starts;
    const ends = tok.ends;
    const flags = tok.flags;
    const sc = this.scanner;
    const r = this.n;
    for (let c = 0; c < nf; c++) {
      const slot = slots[c]!;
      const kind = slot.kind;
      if (kind === K_STR) {
        this.putString(slot, c, buf, starts[c]!, ends[c]!, flags[c]!, r);
        continue;
      }
      const cls = flags[c] === ESCAPED ? TEXT : sc.classify(buf, starts[c]!, ends[c]!);
      const v = sc.value;
      switch (kind) {
        case K_F64:
          if (cls <= FLOAT) {
            slot.f64[r] = cls === MISSING ? NaN : v;
            continue;
          }
          break;
        case K_I32:
          // A spec column also takes long spellings (leading zeros) of an int32, as NumPy's int() does; v is exact then.
          if ((cls === INT || (cls === BIG_INT && slot.fixed)) && v >= -2147483648 && v <= 2147483647) {
            slot.i32[r] = v;
            continue;
          }
          break;
        case K_I64:
        case K_U64:
          if (cls === INT && (kind === K_I64 || v >= 0)) {
            // Two 32-bit words instead of a BigInt per value: no allocation for the usual |v| < 2^53.
            const hi = Math.floor(v / TWO32);
            slot.words[2 * r] = v - hi * TWO32;
            slot.words[2 * r + 1] = hi;
            continue;
          }
          if (cls === BIG_INT) {
            const b = sc.bigIntValue(buf);
            if (kind === K_I64 && fitsInt64(b)) {
              slot.big[r] = b;
              continue;
            }
            if (kind === K_U64 && b >= 0n && b < 1n << 64n) {
              slot.ubig[r] = b;
              continue;
            }
          }
          break;
        case K_F32:
          if (cls <= FLOAT) {
            slot.f32[r] = cls === MISSING ? NaN : v;
            continue;
          }
          break;
        case K_BOOL:
          if (cls === TRUE || cls === FALSE) {
            slot.u8[r] = cls === TRUE ? 1 : 0;
            continue;
          }
          if (slot.fixed && cls === INT && (v === 0 || v === 1)) {
            slot.u8[r] = v;
            continue;
          }
          break;
        case K_INT:
          if ((cls === INT || cls === BIG_INT) && v >= slot.min && v <= slot.max) {
            slot.small[r] = v;
            continue;
          }
          break;
      }
      if (slot.fixed) throw this.misfitError(slot, c, cls);
      if (this.widen(slot, c, cls, r)) {
        c--;
        continue;
      }
      this.scanOnly = true;
      this.scanRecord(nf);
      return;
    }
    if (++this.n === this.cap) this.flush();
  }

  /** Infers kinds only (no values kept); fixed columns are checked when stored. */
  scanRecord(nf: number): void {
    const tok = this.tok;
    const slots = this.slots;
    if (nf !== slots.length) throw this.errors.fieldCount(nf, slots.length);
    if (tok.nulAt >= 0 || tok.unclosedQuote >= 0) this.errors.checkRecord();
    const sc = this.scanner;
    for (let c = 0; c < nf; c++) {
      const slot = slots[c]!;
      if (slot.fixed) continue;
      const s = tok.starts[c]!;
      const e = tok.ends[c]!;
      if (slot.kind === K_STR) {
        if (e - s > slot.maxWidth) slot.maxWidth = e - s;
        continue;
      }
      const cls = tok.flags[c] === ESCAPED ? TEXT : sc.classify(tok.buf, s, e);
      if (cls === MISSING && slot.missingLine === 0) {
        slot.missingLine = this.lineOf(c);
        slot.missingText = fieldText(tok, c);
      }
      const fits = cls === INT ? fitsInt32(sc.value) : cls === BIG_INT ? fitsInt64(sc.bigIntValue(tok.buf)) : false;
      const to = widenFor(slot.kind, cls, fits, slot.missingLine > 0);
      if (to === slot.kind) continue;
      slot.reason = this.reasonFor(slot, c, cls, to);
      slot.kind = to;
      if (to === K_STR) slot.maxWidth = Math.max(slot.maxWidth, e - s);
    }
  }

  /** Hands the current batch to the sink and starts a new one. */
  flush(): void {
    if (this.n === 0 || !this.sink || this.scanOnly) return;
    const n = this.n;
    this.sink.append(n, this.slots.map((s) => s.batch(n)));
    for (const s of this.slots) s.allocate(this.cap);
    this.n = 0;
  }

  /** Widens an inferred column for a value that does not fit; false when it must become a string (the caller rescans). */
  private widen(slot: ColumnSlot, c: number, cls: number, r: number): boolean {
    const sc = this.scanner;
    const fits = cls === INT ? fitsInt32(sc.value) : cls === BIG_INT ? fitsInt64(sc.bigIntValue(this.tok.buf)) : false;
    if (cls === MISSING && slot.missingLine === 0) {
      slot.missingLine = this.lineOf(c);
      slot.missingText = fieldText(this.tok, c);
    }
    const to = widenFor(slot.kind, cls, fits, slot.missingLine > 0);
    if (to === slot.kind) throw new Error(`internal: column ${c} cannot widen from kind ${to}`);
    const reason = this.reasonFor(slot, c, cls, to);
    if (to === K_STR) return false;
    slot.convert(to, r, this.cap);
    slot.reason = reason;
    this.sink?.widen(c, slot.dtype, reason);
    return true;
  }

  private reasonFor(slot: ColumnSlot, c: number, cls: number, to: number): string {
    if (to === K_F64 && slot.missingLine > 0 && (cls === MISSING || cls === INT || cls === BIG_INT)) {
      return widenReason(to, slot.kind, MISSING, slot.missingText, slot.missingLine, false);
    }
    return widenReason(to, slot.kind, cls, fieldText(this.tok, c), this.lineOf(c), this.scanner.fraction);
  }

  private lineOf(c: number): number {
    // One-line records (all but quoted multi-line ones) need no scan: wide rows would make that quadratic.
    if (this.tok.line - this.tok.recordLine <= 1) return this.tok.recordLine;
    return this.errors.at(this.tok.starts[c]!, '').info.line ?? this.tok.recordLine;
  }

  private putString(slot: ColumnSlot, c: number, buf: Uint8Array, s: number, e: number, flag: number, r: number): void {
    const from = slot.used;
    slot.reserve(e - s);
    const out = slot.bytes;
    if (flag === ESCAPED) slot.used = unquote(buf, s, e, out, from);
    else if (e - s < 24) {
      let o = from;
      for (let i = s; i < e; i++) out[o++] = buf[i]!;
      slot.used = o;
    } else {
      out.set(buf.subarray(s, e), from);
      slot.used = from + e - s;
    }
    slot.offsets[r + 1] = slot.used;
    const w = slot.used - from;
    if (slot.width > 0 && w > slot.width && stringWidth(slot, out, from) > slot.width) {
      throw this.errors.field(c, `value does not fit ${slot.unicode ? 'U' : 'S'}${slot.width}`);
    }
    if (w > slot.maxWidth) slot.maxWidth = w;
  }

  private misfitError(slot: ColumnSlot, c: number, cls: number): Error {
    const label = dtypeLabel(slot.dtype);
    const col = `${label} column '${slot.name}'`;
    if (slot.kind === K_F32 || slot.kind === K_F64) return this.errors.field(c, `not a number (${col})`);
    if (slot.kind === K_BOOL) return this.errors.field(c, `not a bool: True/False/1/0 (${col})`);
    if (cls === MISSING) return this.errors.field(c, `missing value in ${col}`);
    if (cls === INT || cls === BIG_INT) return this.errors.field(c, `value does not fit ${label}`);
    return this.errors.field(c, `not an integer (${col})`);
  }
}

function stringWidth(slot: ColumnSlot, out: Uint8Array, from: number): number {
  if (!slot.unicode) return slot.used - from;
  let n = 0;
  for (let i = from; i < slot.used; i++) if ((out[i]! & 0xc0) !== 0x80) n++;
  return n;
}
