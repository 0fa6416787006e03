// The common record, tokenized and stored in one pass: numbers parsed straight from the bytes into the batch arrays
// (by a loop compiled for the plan's kinds, record-kernel.ts, or the generic loop here for wide plans). Anything
// unusual (quotes, blank or comment lines, missing values, words, a value that does not fit, a field-count mismatch)
// stops it before that record is counted; the general path (Tokenizer + RowParser) then reads the record.

import type { TextDialect } from '../../shared/dataset.js';
import { K_F32, K_F64, K_I32, K_I64, K_INT, K_STR, K_U64 } from './column-kinds.js';
import { EXACT_LIMIT, POW10, latin1 } from './field-scan.js';
import { recordKernel, type KernelTables, type RecordKernel } from './record-kernel.js';
import type { RowParser } from './row-parser.js';
import type { Tokenizer } from './tokenizer.js';

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const TWO32 = 4294967296;
const UNKNOWN = -2;

export class FastRows {
  private readonly ws: boolean;
  private readonly delim: number;
  /** 1 for bytes that end a string field: delimiter(s), CR, LF, NUL. */
  private readonly stop = new Uint8Array(256);
  /** 1 for blanks a number may be padded with (as FieldScanner trims them), unless they are the delimiter. */
  private readonly pad = new Uint8Array(256);
  /** 1 for bytes that may start a line the fast path leaves alone or must skip: blanks, line ends, '#'. */
  private readonly lead = new Uint8Array(256);
  /** Position of the buffer's last LF (found once per buffer: CR-only files would make a search per record quadratic). */
  private last = UNKNOWN;
  private readonly tables: KernelTables;
  /** The compiled loop for the slots' kinds as they were last seen (they change when a column widens); null: the generic loop. */
  private kernel: RecordKernel | null = null;
  private kernelKinds: number[] = [];

  constructor(private readonly tok: Tokenizer, private readonly parser: RowParser, delimiter: TextDialect['delimiter']) {
    this.ws = delimiter === 'whitespace';
    this.delim = this.ws ? SPACE : delimiter.charCodeAt(0);
    for (const b of [LF, CR, 0]) this.stop[b] = 1;
    if (this.ws) this.stop[SPACE] = this.stop[TAB] = 1;
    else this.stop[this.delim] = 1;
    if (!this.ws) for (const b of [SPACE, TAB]) if (b !== this.delim) this.pad[b] = 1;
    for (const b of [SPACE, TAB, LF, CR, HASH]) this.lead[b] = 1;
    this.tables = { stop: this.stop, pad: this.pad, lead: this.lead, fieldEnd: (buf, i, lastField, numeric) => this.fieldEnd(buf, i, lastField, numeric) };
  }

  /** The tokenizer has new bytes (call after each Tokenizer.setBuffer). */
  newBuffer(): void {
    this.last = UNKNOWN;
  }

  /** Stores records from the tokenizer's position while they are plain; returns how many it stored. */
  run(): number {
    const tok = this.tok;
    const parser = this.parser;
    if (parser.scanOnly) return 0;
    // Only records that start before the last LF: each ends at an LF inside the buffer, so no scan needs a bounds check.
    if (this.last === UNKNOWN) {
      let k = tok.end - 1;
      while (k >= tok.pos && tok.buf[k] !== LF) k--;
      this.last = k;
    }
    const last = this.last;
    const kernel = this.kernelFor(parser.slots);
    let stored = 0;
    for (;;) {
      const room = parser.cap - parser.n;
      const got = kernel ? kernel(tok, parser.slots, parser.n, room, last, this.tables) : this.genericRecords(last, room);
      stored += got;
      parser.n += got;
      tok.line += got;
      if (parser.n < parser.cap) break;
      parser.flush();
    }
    // The record it stopped in may have written string bytes: drop them, the general path writes that record again.
    for (const slot of parser.slots) if (slot.kind === K_STR) slot.used = slot.offsets[parser.n]!;
    return stored;
  }

  /** The compiled record loop for the slots' current kinds (see record-kernel.ts), or null for the generic one. */
  private kernelFor(slots: RowParser['slots']): RecordKernel | null {
    const kinds = this.kernelKinds;
    let same = kinds.length === slots.length;
    for (let c = 0; same && c < slots.length; c++) same = kinds[c] === slots[c]!.kind;
    if (!same) {
      this.kernelKinds = slots.map((slot) => slot.kind);
      this.kernel = recordKernel(this.kernelKinds, this.ws ? -1 : this.delim);
    }
    return this.kernel;
  }

  /**
   * Up to `room` records starting before `last` into rows parser.n…; returns how many (tok.pos follows). Any plan,
   * any width: the kernels record-kernel.ts compiles for narrower plans do the same, faster.
   */
  private genericRecords(last: number, room: number): number {
    const tok = this.tok;
    const buf = tok.buf;
    const r0 = this.parser.n;
    const slots = this.parser.slots;
    const nc = slots.length;
    const lastCol = nc - 1;
    const ws = this.ws;
    const delim = ws ? -1 : this.delim;
    const stop = this.stop;
    const pad = this.pad;
    const lead = this.lead;
    let i = tok.pos;
    let r = r0;
    const rEnd = r0 + room;
    rows: for (; r < rEnd && i < last; r++) {
      let b = buf[i]!;
      if (lead[b] === 1) {
        // Blank and comment lines are the general path's; whitespace-separated records may start with blanks.
        let j = i;
        while (buf[j] === SPACE || buf[j] === TAB) j++;
        b = buf[j]!;
        if (b === LF || b === CR || b === HASH) break;
        if (ws) i = j;
      }
      for (let c = 0; c < nc; c++) {
        const slot = slots[c]!;
        const kind = slot.kind;
        if (kind === K_STR) {
          const s = i;
          if (buf[i] === QUOTE) break rows;
          const out = slot.bytes;
          let o = slot.used;
          // Copies while it scans. A value that does not fit the room left goes to the general path, which grows the
          // array: growing here would leave a rarely run branch in this loop (and the optimizer drops code for those).
          const room = out.length - o;
          b = buf[i]!;
          while (stop[b] === 0) {
            if (i - s < room) out[o + i - s] = b;
            b = buf[++i]!;
          }
          const len = i - s;
          if (len > room || (slot.width > 0 && len > slot.width)) break rows;
          o += len;
          slot.used = o;
          slot.offsets[r + 1] = o;
          // Branch-free where it can be (here and below): a branch first taken after optimization costs a deoptimization.
          slot.maxWidth = len > slot.maxWidth ? len : slot.maxWidth;
        } else {
          b = buf[i]!;
          if (b <= SPACE) {
            while (pad[buf[i]!] === 1) i++;
            b = buf[i]!;
          }
          const s = i;
          const sign = b === 45 ? -1 : 1;
          if (b === 45 || b === 43) b = buf[++i]!;
          const s0 = i;
          let m = 0;
          // (d >>> 0) < 10 is 0 <= d <= 9 in one unsigned compare.
          let d = b - 48;
          while (d >>> 0 < 10) {
            m = m * 10 + d;
            d = buf[++i]! - 48;
          }
          if (kind === K_F64 || kind === K_F32) {
            let e10 = 0;
            let dot = 0;
            if (d === -2) {
              dot = 1;
              const f0 = ++i;
              d = buf[i]! - 48;
              while (d >>> 0 < 10) {
                m = m * 10 + d;
                d = buf[++i]! - 48;
              }
              e10 = f0 - i;
            }
            if (i - s0 === dot) break rows;
            if ((d | 32) === 53) {
              b = buf[++i]!;
              const eneg = b === 45;
              if (eneg || b === 43) b = buf[++i]!;
              let exp = 0;
              d = b - 48;
              if (d >>> 0 >= 10) break rows;
              while (d >>> 0 < 10) {
                if (exp < 100000) exp = exp * 10 + d;
                d = buf[++i]! - 48;
              }
              e10 += eneg ? -exp : exp;
            }
            let v: number;
            if (m < EXACT_LIMIT && e10 >= -22 && e10 <= 22) {
              // m and 10^|e10| are exact doubles, so one IEEE multiply or divide is the correctly rounded value
              // (the other operation is by 1, and the sign is exact).
              v = ((m * POW10[e10 > 0 ? e10 : 0]!) / POW10[e10 < 0 ? -e10 : 0]!) * sign;
            } else v = Number(latin1.decode(buf.subarray(s, i)));
            if (kind === K_F64) slot.f64[r] = v;
            else slot.f32[r] = v;
          } else {
            // At most 15 digits, like FieldScanner's INT: exact, and longer spellings keep the general path's typing.
            if (i === s0 || i - s0 > 15) break rows;
            const v = m * sign;
            if (kind === K_I32) {
              if (v < -2147483648 || v > 2147483647) break rows;
              slot.i32[r] = v;
            } else if (kind === K_INT) {
              if (v < slot.min || v > slot.max) break rows;
              slot.small[r] = v;
            } else if (kind === K_I64 || (kind === K_U64 && v >= 0)) {
              const hi = Math.floor(v / TWO32);
              slot.words[2 * r] = v - hi * TWO32;
              slot.words[2 * r + 1] = hi;
            } else break rows;
          }
        }
        b = buf[i]!;
        if (c < lastCol ? b === delim : b === LF) {
          i++;
          continue;
        }
        i = this.fieldEnd(buf, i, c === lastCol, kind !== K_STR);
        if (i < 0) break rows;
      }
      tok.pos = i;
    }
    return r - r0;
  }

  /** The less common field ends: blanks after a number, whitespace runs, CRLF. Returns where the next field starts, or -1. */
  private fieldEnd(buf: Uint8Array, i: number, lastField: boolean, numeric: boolean): number {
    if (numeric) while (this.pad[buf[i]!] === 1) i++;
    let b = buf[i]!;
    if (!lastField) {
      if (!this.ws) return b === this.delim ? i + 1 : -1;
      if (b !== SPACE && b !== TAB) return -1;
      while (b === SPACE || b === TAB) b = buf[++i]!;
      return b === LF || b === CR ? -1 : i;
    }
    if (this.ws) while (b === SPACE || b === TAB) b = buf[++i]!;
    if (b === LF) return i + 1;
    return b === CR && buf[i + 1] === LF ? i + 2 : -1;
  }
}
