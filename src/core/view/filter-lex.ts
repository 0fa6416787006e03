// Splits a filter expression into tokens (numbers, strings, names, operators), each with the column it starts at.

import { FilterError, quoteText } from './filter-error.js';

/** A string literal in both encodings a column may need; NumPy drops trailing NULs of a scalar, so we do too. */
export interface StringLiteral {
  /** The unescaped text (a \xHH escape is the character HH), for messages and comparisons of two literals. */
  readonly text: string;
  /** For '|S' columns: characters as UTF-8, a \xHH escape as the one byte HH (so Latin-1 data can be matched). */
  readonly bytes: Uint8Array;
  /** For '<U' columns: code points. */
  readonly codePoints: Uint32Array;
}

export type Token =
  | { readonly kind: 'num'; readonly pos: number; readonly text: string; readonly value: number; readonly int: bigint | null }
  | { readonly kind: 'str'; readonly pos: number; readonly text: string; readonly lit: StringLiteral }
  /** A bare word: a column name, a keyword (and, or, not, in, true, …) or a function name. */
  | { readonly kind: 'word'; readonly pos: number; readonly text: string }
  /** A `backtick quoted` column name. */
  | { readonly kind: 'name'; readonly pos: number; readonly text: string; readonly name: string }
  | { readonly kind: 'op'; readonly pos: number; readonly text: string }
  | { readonly kind: 'end'; readonly pos: number; readonly text: '' };

const OPERATORS = ['**', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '(', ')', '[', ']', ',', '&', '|', '~'];
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const WORD = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const WORD_CHAR = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}.]/u;
/** Longer integer literals are kept as doubles only: exactness past int64 changes no comparison, and BigInt parsing is quadratic. */
const MAX_INT_DIGITS = 400;
const SIMPLE_ESCAPES = new Map<string, number>([
  ['\\', 0x5c], ["'", 0x27], ['"', 0x22], ['n', 0x0a], ['r', 0x0d], ['t', 0x09], ['0', 0], ['a', 0x07], ['b', 0x08], ['f', 0x0c], ['v', 0x0b],
]);

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i + 1;
    NUMBER.lastIndex = i;
    const num = /\d/.test(c) || (c === '.' && /\d/.test(src[i + 1] ?? '')) ? NUMBER.exec(src) : null;
    if (num) {
      const text = num[0];
      i += text.length;
      if (i < src.length && WORD_CHAR.test(src[i]!)) {
        let j = i;
        while (j < src.length && WORD_CHAR.test(src[j]!)) j++;
        throw new FilterError(`invalid number ${quoteText(src.slice(pos - 1, j))}`, pos);
      }
      const integral = /^\d+$/.test(text);
      out.push({ kind: 'num', pos, text, value: Number(text), int: integral && text.length <= MAX_INT_DIGITS ? BigInt(text) : null });
      continue;
    }
    if (c === '"' || c === "'") {
      const { lit, end } = readString(src, i);
      out.push({ kind: 'str', pos, text: src.slice(i, end), lit });
      i = end;
      continue;
    }
    if (c === '`') {
      let name = '';
      let j = i + 1;
      for (;;) {
        if (j >= src.length) throw new FilterError('unterminated `name`', pos);
        if (src[j] === '`') {
          if (src[j + 1] !== '`') break;
          j++; // `` inside backticks is one backtick
        }
        name += src[j];
        j++;
      }
      out.push({ kind: 'name', pos, text: src.slice(i, j + 1), name });
      i = j + 1;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(src);
    if (word) {
      out.push({ kind: 'word', pos, text: word[0] });
      i += word[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ kind: 'op', pos, text: op });
      i += op.length;
      continue;
    }
    if (c === '=') throw new FilterError("use '==' to compare", pos);
    const ch = String.fromCodePoint(src.codePointAt(i)!);
    throw new FilterError(`unexpected character ${quoteText(ch)}`, pos);
  }
  out.push({ kind: 'end', pos: src.length + 1, text: '' });
  return out;
}

/** A quoted string from src[start] (the quote) with Python's escapes; an unknown escape keeps its backslash, as in Python. */
function readString(src: string, start: number): { lit: StringLiteral; end: number } {
  const quote = src[start]!;
  const bytes: number[] = [];
  const codePoints: number[] = [];
  const char = (cp: number): void => {
    codePoints.push(cp);
    bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
  };
  let i = start + 1;
  for (;;) {
    if (i >= src.length) throw new FilterError('unterminated string', start + 1);
    const cp = src.codePointAt(i)!;
    const c = String.fromCodePoint(cp);
    if (c === quote) break;
    if (c !== '\\') {
      // A lone surrogate is no code point UTF-8 can carry: U+FFFD, as Buffer.from writes it.
      char(cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp);
      i += c.length;
      continue;
    }
    const e = src[i + 1];
    if (e === undefined) throw new FilterError('unterminated string', start + 1);
    const simple = SIMPLE_ESCAPES.get(e);
    if (simple !== undefined) {
      char(simple);
      i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const digits = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = src.slice(i + 2, i + 2 + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) throw new FilterError(`'\\${e}' needs ${digits} hex digits`, i + 1);
      const v = parseInt(hex, 16);
      if (v > 0x10ffff) throw new FilterError(`'\\${e}${hex}' is past the last code point`, i + 1);
      if (e === 'x') {
        // \xHH is the byte HH in a bytes column and the character HH in a unicode one (Python's b'' and '').
        codePoints.push(v);
        bytes.push(v);
      } else char(v >= 0xd800 && v <= 0xdfff ? 0xfffd : v);
      i += 2 + digits;
    } else {
      char(0x5c);
      i += 1;
    }
  }
  while (bytes.length && bytes[bytes.length - 1] === 0) bytes.pop();
  while (codePoints.length && codePoints[codePoints.length - 1] === 0) codePoints.pop();
  let text = '';
  for (const cp of codePoints) text += String.fromCodePoint(cp);
  return { lit: { text, bytes: Uint8Array.from(bytes), codePoints: Uint32Array.from(codePoints) }, end: i + 1 };
}
