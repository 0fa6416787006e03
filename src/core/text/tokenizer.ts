// Splits a byte buffer into records and fields (delimiter, quotes, comments, blank lines, CR/LF/CRLF) without allocating per row.

import type { TextDialect } from '../../shared/dataset.js';

/** nextRecord() results besides a field count. */
export const NEED_MORE = -1;
export const END = -2;
const SLOW = -3;

/** Field flags: PLAIN bytes as-is; QUOTED content between the quotes; ESCAPED raw bytes that need unquote(). */
export const PLAIN = 0;
export const QUOTED = 1;
export const ESCAPED = 2;

const LF = 10;
const CR = 13;
const QUOTE = 34;
const HASH = 35;
const C_DELIM = 1;
const C_LF = 2;
const C_CR = 3;
const C_NUL = 4;

export class Tokenizer {
  buf: Uint8Array = new Uint8Array(0);
  pos = 0;
  end = 0;
  /** No more bytes will come after `end`. */
  final = false;
  /** 1-based line number of the next unread byte. */
  line = 1;
  /** Of the last record: first byte of its first line, its line number, and where it ends. */
  recordLineStart = 0;
  recordLine = 1;
  recordEnd = 0;
  /** First NUL byte seen in the last record (or -1): text files have none, so it means binary input. */
  nulAt = -1;
  /** Opening quote of a field that runs to the end of the input (or -1). */
  unclosedQuote = -1;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  flags = new Uint8Array(64);
  private readonly cls = new Uint8Array(256);
  private readonly whitespace: boolean;

  constructor(delimiter: TextDialect['delimiter']) {
    this.whitespace = delimiter === 'whitespace';
    if (this.whitespace) {
      this.cls[32] = C_DELIM;
      this.cls[9] = C_DELIM;
    } else {
      this.cls[delimiter.charCodeAt(0)] = C_DELIM;
    }
    this.cls[LF] = C_LF;
    this.cls[CR] = C_CR;
    this.cls[0] = C_NUL;
  }

  /** Points the tokenizer at new bytes; positions restart from `pos`. */
  setBuffer(buf: Uint8Array, pos: number, end: number, final: boolean): void {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
    this.final = final;
  }

  /** Reads the next record; returns its field count, NEED_MORE (pos unchanged: refill from pos) or END. */
  nextRecord(): number {
    const buf = this.buf;
    const end = this.end;
    const cls = this.cls;
    let i = this.pos;
    // Skip blank and comment lines.
    for (;;) {
      let p = i;
      while (p < end && (buf[p] === 32 || buf[p] === 9)) p++;
      if (p >= end) {
        if (this.final) {
          this.pos = end;
          return END;
        }
        this.pos = i;
        return NEED_MORE;
      }
      const c = buf[p];
      if (c === LF || c === CR) {
        if (c === CR && p + 1 >= end && !this.final) return this.more(i);
        i = c === CR && buf[p + 1] === LF ? p + 2 : p + 1;
        this.line++;
        continue;
      }
      if (c === HASH) {
        while (p < end && buf[p] !== LF && buf[p] !== CR) p++;
        if (p >= end && !this.final) return this.more(i);
        if (p >= end) i = p;
        else if (buf[p] === CR && p + 1 >= end && !this.final) return this.more(i);
        else {
          i = buf[p] === CR && buf[p + 1] === LF ? p + 2 : p + 1;
          this.line++;
        }
        continue;
      }
      this.recordLineStart = i;
      if (this.whitespace) i = p;
      break;
    }
    const line0 = this.line;
    this.recordLine = line0;
    this.nulAt = -1;
    this.unclosedQuote = -1;
    const fast = this.plainRecord(i);
    if (fast >= 0) return fast;
    let nf = 0;
    let k = 0;
    for (;;) {
      if (nf === this.starts.length) this.grow();
      let fs = i;
      let fe: number;
      let flag = PLAIN;
      if (i < end && buf[i] === QUOTE) {
        flag = QUOTED;
        let j = i + 1;
        for (;;) {
          while (j < end && buf[j] !== QUOTE) {
            const b = buf[j]!;
            if (b === LF || (b === CR && buf[j + 1] !== LF)) this.line++;
            j++;
          }
          if (j >= end) break;
          if (j + 1 < end && buf[j + 1] === QUOTE) {
            flag = ESCAPED;
            j += 2;
            continue;
          }
          if (j + 1 >= end && !this.final) j = end;
          break;
        }
        if (j >= end && !this.final) {
          this.line = line0;
          return this.more(this.recordLineStart);
        }
        if (j >= end && this.unclosedQuote < 0) this.unclosedQuote = i;
        fe = j;
        i = j >= end ? end : j + 1;
        i = this.skipField(i);
        // Bytes after the closing quote (or an unclosed quote at EOF) are kept, as Python's csv does.
        if (i !== fe + 1 || fe >= end) flag = ESCAPED;
        if (flag === ESCAPED) fe = i;
        else fs++;
      } else {
        i = this.skipField(i);
        fe = i;
      }
      this.starts[nf] = fs;
      this.ends[nf] = fe;
      this.flags[nf] = flag;
      nf++;
      if (i >= end) {
        if (!this.final) {
          this.line = line0;
          return this.more(this.recordLineStart);
        }
        this.recordEnd = end;
        this.pos = end;
        return nf;
      }
      k = cls[buf[i]!]!;
      if (k === C_DELIM) {
        i++;
        if (this.whitespace) {
          while (i < end && (buf[i] === 32 || buf[i] === 9)) i++;
          if (i >= end && !this.final) {
            this.line = line0;
            return this.more(this.recordLineStart);
          }
          if (i >= end || buf[i] === LF || buf[i] === CR) k = cls[buf[i] ?? LF]!;
          else continue;
        } else continue;
      }
      this.recordEnd = i;
      if (i >= end) {
        this.pos = end;
        return nf;
      }
      if (buf[i] === CR) {
        if (i + 1 >= end && !this.final) {
          this.line = line0;
          return this.more(this.recordLineStart);
        }
        i += buf[i + 1] === LF ? 2 : 1;
      } else if (buf[i] === LF) i++;
      this.line++;
      this.pos = i;
      return nf;
    }
  }

  /** The common record: no quotes, no NUL, ends inside the buffer. Returns SLOW (nothing changed) for anything else. */
  private plainRecord(i: number): number {
    const buf = this.buf;
    const end = this.end;
    const cls = this.cls;
    const starts = this.starts;
    const ends = this.ends;
    const flags = this.flags;
    const cap = starts.length;
    const ws = this.whitespace;
    if (buf[i] === QUOTE) return SLOW;
    let nf = 0;
    let fs = i;
    while (i < end) {
      let k = cls[buf[i]!]!;
      if (k === 0) {
        i++;
        continue;
      }
      if (nf === cap) return SLOW;
      starts[nf] = fs;
      ends[nf] = i;
      flags[nf] = PLAIN;
      nf++;
      if (k === C_DELIM) {
        i++;
        if (ws) {
          while (i < end && cls[buf[i]!] === C_DELIM) i++;
          if (i >= end) return SLOW;
          k = cls[buf[i]!]!;
        } else k = 0;
        if (k === 0) {
          if (buf[i] === QUOTE) return SLOW;
          fs = i;
          continue;
        }
      }
      if (k === C_LF) {
        this.recordEnd = i;
        this.pos = i + 1;
      } else if (k === C_CR && i + 1 < end) {
        this.recordEnd = i;
        this.pos = buf[i + 1] === LF ? i + 2 : i + 1;
      } else return SLOW;
      this.line++;
      return nf;
    }
    return SLOW;
  }

  /** Advances over field bytes to the next delimiter or line end, noting (not stopping at) NUL bytes. */
  private skipField(i: number): number {
    const buf = this.buf;
    const cls = this.cls;
    const end = this.end;
    for (;;) {
      while (i < end && cls[buf[i]!] === 0) i++;
      if (i < end && cls[buf[i]!] === C_NUL) {
        if (this.nulAt < 0) this.nulAt = i;
        i++;
        continue;
      }
      return i;
    }
  }

  private more(at: number): number {
    this.pos = at;
    return NEED_MORE;
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    const e = new Int32Array(n);
    e.set(this.ends);
    const f = new Uint8Array(n);
    f.set(this.flags);
    this.starts = s;
    this.ends = e;
    this.flags = f;
  }
}

/** Copies an ESCAPED field's logical content (quotes removed, doubled quotes halved) into out at o; returns the new end. */
export function unquote(buf: Uint8Array, s: number, e: number, out: Uint8Array, o: number): number {
  let inQuotes = false;
  for (let i = s; i < e; i++) {
    const b = buf[i]!;
    if (b === QUOTE) {
      if (inQuotes && i + 1 < e && buf[i + 1] === QUOTE) {
        out[o++] = QUOTE;
        i++;
      } else inQuotes = !inQuotes;
      continue;
    }
    out[o++] = b;
  }
  return o;
}
