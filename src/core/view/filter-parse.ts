// Parses a filter expression into a syntax tree; the filter language, like pandas' DataFrame.query, is described below.

/*
 * The filter language (what the filter box accepts)
 *
 * Syntax
 *   conditions   a or b, a and b, not a          also | & ~ as synonyms of or, and, not, with their precedence
 *   comparisons  == != < <= > >=                  chained as in Python: 0 < x <= 5 means 0 < x and x <= 5
 *   membership   x in (1, 2, 3), x not in ('a', 'b')   also [ … ]; the same as x == 1 or x == 2 or x == 3
 *   arithmetic   + - * / % **, unary - and +      Python precedence: ** binds tighter than a unary minus on its
 *                                                left (-x ** 2 is -(x ** 2)), * / % tighter than + -
 *   values       integers 42, decimals 4.2 .5 5., exponents 1e5 2.5E-3, nan, inf, true, false (also NaN, Inf,
 *                True, False), strings '…' or "…" with Python's escapes (\\ \' \" \n \t \r \0 \xHH \uXXXX
 *                \UXXXXXXXX; another backslash stays as it is)
 *   columns      a bare name (letters, digits, _; not starting with a digit) or `any other name` in backticks
 *                (`` inside backticks is one backtick); a keyword (and, or, not, in, true, false, nan, inf) is
 *                always the keyword, so a column called `in` needs backticks
 *   functions    isnan(x), isfinite(x), abs(x)
 *
 * Meaning: NumPy's, evaluated on whole columns
 *   - Arithmetic is float64: int64/uint64 values become the nearest double (NumPy would stay in exact, wrapping
 *     integers), float32 ones widen exactly; / by zero gives ±inf or nan, % takes the sign of the divisor, **
 *     is C's pow. A bool is 0 or 1 in arithmetic; a number is never a condition by itself (write x != 0).
 *   - Comparisons with nan are false, != is true. An integer column compared with an integer literal or another
 *     integer column is exact even for 64-bit values (2**63 - 1 included; integer constants fold exactly, as
 *     Python's int). A constant compared with a float32 (float16) column is first cast to float32 (float16), as
 *     NumPy 2 does, so pct == 0.1 holds where pct shows 0.1.
 *   - Strings compare with strings only: '|S' columns by bytes (a literal is UTF-8, \xHH one byte), '<U' by code
 *     points; trailing NULs are padding on both sides.
 * Positions in errors are 1-based columns counted in UTF-16 code units, as a text input counts its caret.
 */

import { FilterError, quoteText } from './filter-error.js';
import { tokenize, type StringLiteral, type Token } from './filter-lex.js';

export type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/' | '%' | '**';
export const FUNCTIONS = ['abs', 'isfinite', 'isnan'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

/** Every node carries `pos`, the column it starts at (an operator's own column is kept beside the operator). */
export type Ast =
  | { readonly k: 'num'; readonly pos: number; readonly value: number; readonly int: bigint | null }
  | { readonly k: 'str'; readonly pos: number; readonly lit: StringLiteral }
  | { readonly k: 'bool'; readonly pos: number; readonly value: boolean }
  | { readonly k: 'col'; readonly pos: number; readonly name: string }
  | { readonly k: 'call'; readonly pos: number; readonly fn: FunctionName; readonly arg: Ast }
  | { readonly k: 'neg' | 'plus' | 'not'; readonly pos: number; readonly op: string; readonly a: Ast }
  /** a or b or c: flat, so a long chain costs no stack. */
  | { readonly k: 'logic'; readonly pos: number; readonly op: 'and' | 'or'; readonly items: readonly { readonly op: string; readonly a: Ast }[] }
  /** Left to right: ((first op1 b1) op2 b2) …; '**' (right-associative) always comes as a chain of one. */
  | { readonly k: 'arith'; readonly pos: number; readonly first: Ast; readonly rest: readonly { readonly op: ArithOp; readonly pos: number; readonly b: Ast }[] }
  /** first op1 b1 op2 b2 …: Python's chained comparison; an 'in' list can only come last. */
  | { readonly k: 'cmp'; readonly pos: number; readonly first: Ast; readonly rest: readonly CmpStep[] };

export type CmpStep =
  | { readonly op: CmpOp; readonly pos: number; readonly b: Ast }
  | { readonly op: 'in' | 'not in'; readonly pos: number; readonly list: readonly Ast[] };

/** Python refuses about 200 nested parentheses; a filter nesting 100 deep is a mistake, and the limit keeps every recursion shallow. */
export const MAX_NESTING = 100;

const CMP_OPS = new Set<string>(['==', '!=', '<', '<=', '>', '>=']);
const KEYWORDS = new Set(['and', 'or', 'not', 'in']);
const CONSTANTS = new Map<string, { k: 'bool'; value: boolean } | { k: 'num'; value: number }>([
  ['true', { k: 'bool', value: true }], ['True', { k: 'bool', value: true }],
  ['false', { k: 'bool', value: false }], ['False', { k: 'bool', value: false }],
  ['nan', { k: 'num', value: NaN }], ['NaN', { k: 'num', value: NaN }],
  ['inf', { k: 'num', value: Infinity }], ['Inf', { k: 'num', value: Infinity }],
]);

export function parseFilter(expression: string): Ast {
  return new Parser(tokenize(expression)).parse();
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(private readonly toks: readonly Token[]) {}

  private peek(ahead = 0): Token {
    return this.toks[Math.min(this.i + ahead, this.toks.length - 1)]!;
  }
  private next(): Token {
    return this.toks[this.i++]!;
  }
  private isWord(t: Token, w: string): boolean {
    return t.kind === 'word' && t.text === w;
  }
  private isOp(t: Token, o: string): boolean {
    return t.kind === 'op' && t.text === o;
  }

  private enter(at: Token): void {
    if (++this.depth > MAX_NESTING) throw new FilterError('expression nests too deeply', at.pos, `(more than ${MAX_NESTING} levels)`);
  }
  private leave(): void {
    this.depth--;
  }

  parse(): Ast {
    if (this.peek().kind === 'end') throw new FilterError('the filter is empty', 1);
    const e = this.or();
    const t = this.peek();
    if (t.kind !== 'end') this.unexpected(t);
    return e;
  }

  private unexpected(t: Token, expected = ''): never {
    if (this.isOp(t, ')')) throw new FilterError("unmatched ')'", t.pos);
    const startsValue = t.kind === 'num' || t.kind === 'str' || t.kind === 'name' || (t.kind === 'word' && !KEYWORDS.has(t.text)) || this.isOp(t, '(');
    const hint = expected ? `(expected ${expected})` : startsValue ? "(missing 'and' or 'or'?)" : '';
    throw new FilterError(`unexpected ${quoteText(t.text)}`, t.pos, hint);
  }

  private expectedValue(t: Token): never {
    const prev = this.i > 0 ? this.toks[this.i - 1] : undefined;
    throw new FilterError(prev ? `expected a value after ${quoteText(prev.text)}` : 'expected a value', t.pos);
  }

  private or(): Ast {
    return this.logic('or', '|', () => this.and());
  }
  private and(): Ast {
    return this.logic('and', '&', () => this.not());
  }

  private logic(word: 'and' | 'or', symbol: string, operand: () => Ast): Ast {
    const first = operand();
    let t = this.peek();
    if (!this.isWord(t, word) && !this.isOp(t, symbol)) return first;
    const items: { op: string; a: Ast }[] = [{ op: t.text, a: first }];
    while (this.isWord(t, word) || this.isOp(t, symbol)) {
      this.next();
      items.push({ op: t.text, a: operand() });
      t = this.peek();
    }
    return { k: 'logic', pos: first.pos, op: word, items };
  }

  private not(): Ast {
    const t = this.peek();
    if (!this.isWord(t, 'not') && !this.isOp(t, '~')) return this.comparison();
    this.next();
    this.enter(t);
    const a = this.not();
    this.leave();
    return { k: 'not', pos: t.pos, op: t.text, a };
  }

  private comparison(): Ast {
    const first = this.arith();
    const rest: CmpStep[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && CMP_OPS.has(t.text)) {
        if (rest.length && 'list' in rest[rest.length - 1]!) this.unexpected(t);
        this.next();
        rest.push({ op: t.text as CmpOp, pos: t.pos, b: this.arith() });
      } else if (this.isWord(t, 'in') || (this.isWord(t, 'not') && this.isWord(this.peek(1), 'in'))) {
        if (rest.length && 'list' in rest[rest.length - 1]!) this.unexpected(t);
        const negate = this.isWord(t, 'not');
        this.next();
        if (negate) this.next();
        rest.push({ op: negate ? 'not in' : 'in', pos: t.pos, list: this.list() });
      } else break;
    }
    return rest.length ? { k: 'cmp', pos: first.pos, first, rest } : first;
  }

  private list(): Ast[] {
    const open = this.peek();
    if (!this.isOp(open, '(') && !this.isOp(open, '[')) throw new FilterError(`expected a list like (1, 2) after ${quoteText(this.toks[this.i - 1]!.text)}`, open.pos);
    const close = open.text === '(' ? ')' : ']';
    this.next();
    this.enter(open);
    const items = this.items(open, close);
    this.leave();
    return items;
  }

  /** Values separated by commas up to `close` (a trailing comma allowed), after `open` was taken. */
  private items(open: Token, close: string): Ast[] {
    const items: Ast[] = [];
    for (;;) {
      if (this.isOp(this.peek(), close)) break;
      items.push(this.or());
      const t = this.peek();
      if (this.isOp(t, ',')) {
        this.next();
        continue;
      }
      if (this.isOp(t, close)) break;
      if (t.kind === 'end') throw new FilterError(`unclosed ${quoteText(open.text)}`, open.pos);
      this.unexpected(t, `',' or '${close}'`);
    }
    this.next();
    return items;
  }

  private arith(): Ast {
    return this.chain(['+', '-'], () => this.term());
  }
  private term(): Ast {
    return this.chain(['*', '/', '%'], () => this.unary());
  }

  private chain(ops: readonly string[], operand: () => Ast): Ast {
    const first = operand();
    const rest: { op: ArithOp; pos: number; b: Ast }[] = [];
    for (let t = this.peek(); t.kind === 'op' && ops.includes(t.text); t = this.peek()) {
      this.next();
      rest.push({ op: t.text as ArithOp, pos: t.pos, b: operand() });
    }
    return rest.length ? { k: 'arith', pos: first.pos, first, rest } : first;
  }

  private unary(): Ast {
    const t = this.peek();
    if (!this.isOp(t, '-') && !this.isOp(t, '+')) return this.power();
    this.next();
    this.enter(t);
    const a = this.unary();
    this.leave();
    return { k: t.text === '-' ? 'neg' : 'plus', pos: t.pos, op: t.text, a };
  }

  private power(): Ast {
    const base = this.primary();
    const t = this.peek();
    if (!this.isOp(t, '**')) return base;
    this.next();
    this.enter(t);
    const exponent = this.unary();
    this.leave();
    return { k: 'arith', pos: base.pos, first: base, rest: [{ op: '**', pos: t.pos, b: exponent }] };
  }

  private primary(): Ast {
    const t = this.peek();
    switch (t.kind) {
      case 'num':
        this.next();
        return { k: 'num', pos: t.pos, value: t.value, int: t.int };
      case 'str':
        this.next();
        return { k: 'str', pos: t.pos, lit: t.lit };
      case 'name':
        this.next();
        return { k: 'col', pos: t.pos, name: t.name };
      case 'word': {
        const constant = CONSTANTS.get(t.text);
        if (constant) {
          this.next();
          return constant.k === 'bool' ? { k: 'bool', pos: t.pos, value: constant.value } : { k: 'num', pos: t.pos, value: constant.value, int: null };
        }
        if (KEYWORDS.has(t.text)) this.expectedValue(t);
        this.next();
        if (this.isOp(this.peek(), '(')) return this.call(t);
        return { k: 'col', pos: t.pos, name: t.text };
      }
      case 'op':
        if (t.text === '(') {
          this.next();
          this.enter(t);
          if (this.isOp(this.peek(), ')')) this.expectedValue(this.peek());
          const e = this.or();
          const close = this.peek();
          if (close.kind === 'end') throw new FilterError("unclosed '('", t.pos);
          if (!this.isOp(close, ')')) this.unexpected(close);
          this.next();
          this.leave();
          return e;
        }
        return this.expectedValue(t);
      case 'end':
        return this.expectedValue(t);
    }
  }

  private call(name: Token): Ast {
    const fn = FUNCTIONS.find((f) => f === name.text);
    if (!fn) throw new FilterError(`unknown function ${quoteText(name.text)}`, name.pos, `(functions: ${FUNCTIONS.join(', ')})`);
    const open = this.next();
    this.enter(open);
    const args = this.items(open, ')');
    this.leave();
    if (args.length !== 1) throw new FilterError(`${fn}() takes one value, not ${args.length}`, name.pos);
    return { k: 'call', pos: name.pos, fn, arg: args[0]! };
  }
}
