// Builds LoadErrors that point at file, line and column of the record the tokenizer just read.

import { LoadError } from '../load-error.js';
import { ESCAPED, QUOTED, type Tokenizer, unquote } from './tokenizer.js';

const utf8 = new TextDecoder('utf-8');

export class TextErrors {
  constructor(private readonly file: string, private readonly tok: Tokenizer) {}

  /** An error about the byte at `pos` of the current record; column counts characters from its line's start. */
  at(pos: number, message: string, text?: string): LoadError {
    const buf = this.tok.buf;
    let line = this.tok.recordLine;
    let lineStart = this.tok.recordLineStart;
    for (let i = lineStart; i < pos; i++) {
      const b = buf[i];
      if (b === 10 || (b === 13 && buf[i + 1] !== 10)) {
        line++;
        lineStart = i + 1;
      }
    }
    const column = [...utf8.decode(buf.subarray(lineStart, pos))].length + 1;
    return new LoadError({ file: this.file, line, column, message, ...(text === undefined ? {} : { text }) });
  }

  /** An error about field `c` of the current record, quoting its text. */
  field(c: number, message: string): LoadError {
    const tok = this.tok;
    const s = tok.starts[c]!;
    return this.at(tok.flags[c] === QUOTED ? s - 1 : s, message, fieldText(tok, c));
  }

  fieldCount(nf: number, expected: number): LoadError {
    const tok = this.tok;
    const text = utf8.decode(tok.buf.subarray(tok.recordLineStart, tok.recordEnd));
    return this.at(tok.recordLineStart, `row has ${nf} field${nf === 1 ? '' : 's'}, expected ${expected}`, text);
  }

  /** Errors the tokenizer noted in the current record (binary bytes, a quote that never closes). */
  checkRecord(): void {
    const tok = this.tok;
    if (tok.nulAt >= 0) throw this.at(tok.nulAt, 'NUL byte: this is not a text file', '\\0');
    if (tok.unclosedQuote >= 0) throw this.at(tok.unclosedQuote, 'quote is never closed', utf8.decode(tok.buf.subarray(tok.unclosedQuote, Math.min(tok.end, tok.unclosedQuote + 40))));
  }
}

/** The logical text of field `c` (quotes removed), decoded as UTF-8. */
export function fieldText(tok: Tokenizer, c: number): string {
  return utf8.decode(fieldBytes(tok, c));
}

export function fieldBytes(tok: Tokenizer, c: number): Uint8Array {
  const s = tok.starts[c]!;
  const e = tok.ends[c]!;
  if (tok.flags[c] !== ESCAPED) return tok.buf.subarray(s, e);
  const out = new Uint8Array(e - s);
  return out.subarray(0, unquote(tok.buf, s, e, out, 0));
}
