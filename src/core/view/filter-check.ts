// Checks a parsed filter against the table's columns and types it into a plan: NumPy's rules, constants folded.

import { parseDType, type ParsedDType } from '../../shared/dtype.js';
import { arithScalar } from './filter-arith.js';
import { compareScalar, flipOp, outcomes } from './filter-compare.js';
import { boolCost } from './filter-cost.js';
import { FilterError, quoteText } from './filter-error.js';
import { roundToFloat16 } from './filter-float16.js';
import type { StringLiteral } from './filter-lex.js';
import type { ArithOp, Ast, CmpOp, CmpStep } from './filter-parse.js';
import type { BoolPlan, ColumnRef, FilterPlan, NumPlan } from './filter-plan.js';

export interface ColumnSchema {
  readonly name: string;
  readonly dtype: string;
}

/** A checked subexpression: its kind, its plan, where it starts and how a message names it ("number column 'pct'"). */
type Typed =
  | { readonly t: 'num'; readonly plan: NumPlan; readonly pos: number; readonly what: string }
  | { readonly t: 'bool'; readonly plan: BoolPlan; readonly pos: number; readonly what: string }
  | { readonly t: 'str'; readonly pos: number; readonly what: string; readonly lit: StringLiteral | null; readonly col: ColumnRef | null };

type Const = Extract<NumPlan, { k: 'const' }>;

/** Integer constants are kept exact (as Python's int) up to this size; past it only their double matters. */
const MAX_INT_BITS = 4096;
/** The unknown-column message lists names up to about this many characters. */
const LIST_CHARS = 160;

export function checkFilter(ast: Ast, columns: readonly ColumnSchema[]): FilterPlan {
  const c = new Checker(columns);
  const top = c.value(ast);
  if (top.t !== 'bool') throw new FilterError(`the filter must be a condition, not ${top.what}`, top.pos);
  return { root: top.plan, columns: c.used };
}

class Checker {
  private readonly byName = new Map<string, ColumnSchema>();
  readonly used: string[] = [];

  constructor(private readonly columns: readonly ColumnSchema[]) {
    for (const col of columns) if (!this.byName.has(col.name)) this.byName.set(col.name, col);
  }

  value(ast: Ast): Typed {
    switch (ast.k) {
      case 'num': return { t: 'num', plan: { k: 'const', value: ast.value, int: ast.int }, pos: ast.pos, what: 'a number' };
      case 'str': return { t: 'str', pos: ast.pos, what: 'a string', lit: ast.lit, col: null };
      case 'bool': return { t: 'bool', plan: { k: 'const', value: ast.value }, pos: ast.pos, what: 'a condition' };
      case 'col': return this.column(ast.name, ast.pos);
      case 'call': {
        const arg = this.value(ast.arg);
        const a = this.num(arg, `${ast.fn}() needs a number, not ${arg.what}`);
        if (ast.fn === 'abs') return { t: 'num', plan: a.k === 'const' ? constOf(Math.abs(a.value), a.int === null ? null : a.int < 0n ? -a.int : a.int) : { k: 'abs', a }, pos: ast.pos, what: 'a number' };
        const integral = a.k === 'col' && a.col.dtype.kind !== 'f';
        const plan: BoolPlan = a.k === 'const' || integral
          ? { k: 'const', value: ast.fn === 'isnan' ? Number.isNaN(a.k === 'const' ? a.value : 0) : Number.isFinite(a.k === 'const' ? a.value : 0) }
          : { k: ast.fn, a };
        return { t: 'bool', plan, pos: ast.pos, what: 'a condition' };
      }
      case 'neg':
      case 'plus': {
        const x = this.value(ast.a);
        const a = this.num(x, `cannot use ${x.what} in arithmetic`);
        if (ast.k === 'plus') return { t: 'num', plan: a, pos: ast.pos, what: 'a number' };
        const plan: NumPlan = a.k === 'const' ? (a.int === null ? constOf(-a.value, null) : constOf(Number(-a.int), -a.int)) : { k: 'neg', a };
        return { t: 'num', plan, pos: ast.pos, what: 'a number' };
      }
      case 'not': {
        const x = this.value(ast.a);
        return { t: 'bool', plan: not(this.cond(x, ast.op)), pos: ast.pos, what: 'a condition' };
      }
      case 'logic': {
        const items = ast.items.map((item) => this.cond(this.value(item.a), item.op));
        return { t: 'bool', plan: ast.op === 'and' ? and(items) : or(items), pos: ast.pos, what: 'a condition' };
      }
      case 'arith': return this.arith(ast);
      case 'cmp': return this.comparison(ast.first, ast.rest);
    }
  }

  private column(name: string, pos: number): Typed {
    const c = this.byName.get(name);
    if (!c) throw new FilterError(`unknown column ${quoteText(name)}`, pos, `(columns: ${this.columnList()})`);
    if (!this.used.includes(name)) this.used.push(name);
    let dtype: ParsedDType;
    try {
      dtype = parseDType(c.dtype);
    } catch {
      throw new FilterError(`column ${quoteText(name)} has a type filters cannot use (${c.dtype})`, pos);
    }
    const col: ColumnRef = { name, dtype };
    switch (dtype.kind) {
      case 'b': return { t: 'bool', plan: { k: 'col', col }, pos, what: `bool column ${quoteText(name)}` };
      case 'i': case 'u': case 'f': return { t: 'num', plan: { k: 'col', col }, pos, what: `number column ${quoteText(name)}` };
      case 'S': case 'U': return { t: 'str', pos, what: `string column ${quoteText(name)}`, lit: null, col };
      case 'c': throw new FilterError(`column ${quoteText(name)} holds complex numbers, which filters cannot compare`, pos);
    }
  }

  /** Column names as the user would type them, cut to about LIST_CHARS characters. */
  private columnList(): string {
    const shown: string[] = [];
    let chars = 0;
    for (const { name } of this.columns) {
      const typed = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
      const s = quoteText(typed).slice(1, -1);
      if (shown.length && chars + s.length > LIST_CHARS) return `${shown.join(', ')}, … ${this.columns.length - shown.length} more`;
      shown.push(s);
      chars += s.length + 2;
    }
    return shown.length ? shown.join(', ') : 'none';
  }

  private num(x: Typed, message: string): NumPlan {
    if (x.t === 'num') return x.plan;
    if (x.t === 'bool') {
      if (x.plan.k === 'const') return constOf(x.plan.value ? 1 : 0, x.plan.value ? 1n : 0n);
      return x.plan.k === 'col' ? { k: 'col', col: x.plan.col } : { k: 'mask', a: x.plan };
    }
    throw new FilterError(message, x.pos);
  }

  private cond(x: Typed, op: string): BoolPlan {
    if (x.t === 'bool') return x.plan;
    throw new FilterError(`${quoteText(op)} needs a condition, not ${x.what}`, x.pos);
  }

  private arith(ast: Extract<Ast, { k: 'arith' }>): Typed {
    const operand = (a: Ast): NumPlan => {
      const x = this.value(a);
      return this.num(x, `cannot do arithmetic on ${x.what}`);
    };
    let first = operand(ast.first);
    const rest: { op: ArithOp; b: NumPlan }[] = [];
    for (const step of ast.rest) {
      const b = operand(step.b);
      if (!rest.length && first.k === 'const' && b.k === 'const') first = foldArith(step.op, first, b);
      else rest.push({ op: step.op, b });
    }
    return { t: 'num', plan: rest.length ? { k: 'arith', first, rest } : first, pos: ast.pos, what: 'a number' };
  }

  private comparison(firstAst: Ast, steps: readonly CmpStep[]): Typed {
    let left = this.value(firstAst);
    const parts: BoolPlan[] = [];
    for (const step of steps) {
      if ('list' in step) {
        const l = left;
        const eq = or(step.list.map((item) => this.compare(l, '==', this.value(item), item.pos)));
        parts.push(step.op === 'in' ? eq : not(eq));
        continue;
      }
      const right = this.value(step.b);
      parts.push(this.compare(left, step.op, right, step.pos));
      left = right;
    }
    return { t: 'bool', plan: and(parts), pos: firstAst.pos, what: 'a condition' };
  }

  private compare(l: Typed, op: CmpOp, r: Typed, pos: number): BoolPlan {
    if (l.t === 'str' || r.t === 'str') {
      if (l.t !== 'str' || r.t !== 'str') throw new FilterError(`cannot compare ${l.what} with ${r.what}`, pos);
      if (l.lit && r.lit) return { k: 'const', value: outcomes(op)[compareCodePoints(l.lit.codePoints, r.lit.codePoints) + 1] === 1 };
      if (l.col && r.lit) return { k: 'strCmp', op, a: l.col, b: r.lit };
      if (l.lit && r.col) return { k: 'strCmp', op: flipOp(op), a: r.col, b: l.lit };
      if (l.col!.dtype.kind !== r.col!.dtype.kind) throw new FilterError(`cannot compare ${l.what} (bytes) with ${r.what} (unicode)`, pos);
      return { k: 'strCmp2', op, a: l.col!, b: r.col! };
    }
    const a = this.num(l, '');
    const b = this.num(r, '');
    // NumPy compares 64-bit integers with integers exactly; through doubles 2^53 + 1 would equal 2^53.
    if (exactInteger(a) && exactInteger(b) && (wideInteger(a) || wideInteger(b))) {
      if (a.k === 'col') return { k: 'intCmp', op, a: a.col, b: b.k === 'col' ? b.col : (b as Const).int! };
      return { k: 'intCmp', op: flipOp(op), a: (b as Extract<NumPlan, { k: 'col' }>).col, b: (a as Const).int! };
    }
    if (a.k === 'const' && b.k === 'const') {
      const value = a.int !== null && b.int !== null ? outcomes(op)[(a.int < b.int ? -1 : a.int > b.int ? 1 : 0) + 1] === 1 : compareScalar(op, a.value, b.value);
      return { k: 'const', value };
    }
    if (a.k === 'const') return { k: 'cmp', op: flipOp(op), a: b, b: weakScalar(a, b) };
    if (b.k === 'const') return { k: 'cmp', op, a, b: weakScalar(b, a) };
    return { k: 'cmp', op, a, b };
  }
}

function constOf(value: number, int: bigint | null): Const {
  return { k: 'const', value, int };
}

function exactInteger(p: NumPlan): boolean {
  return (p.k === 'col' && (p.col.dtype.kind === 'i' || p.col.dtype.kind === 'u')) || (p.k === 'const' && p.int !== null);
}

function wideInteger(p: NumPlan): boolean {
  return p.k === 'col' && (p.col.dtype.kind === 'i' || p.col.dtype.kind === 'u') && p.col.dtype.itemSize === 8;
}

/** float32 or float16 when NumPy keeps the values in that type (a column, its negation or absolute value). */
function narrowFloat(p: NumPlan): 2 | 4 | null {
  if (p.k === 'col') return p.col.dtype.kind === 'f' && p.col.dtype.itemSize < 8 ? (p.col.dtype.itemSize as 2 | 4) : null;
  if (p.k === 'neg' || p.k === 'abs') return narrowFloat(p.a);
  return null;
}

/**
 * A Python number meeting a float32 (float16) array is cast to float32 (float16) first (NEP 50 "weak scalars"),
 * so `pct == 0.1` holds where pct displays 0.1. Rounding the constant once gives the same answers in float64.
 */
function weakScalar(c: Const, other: NumPlan): Const {
  const narrow = narrowFloat(other);
  if (narrow === 4) return constOf(Math.fround(c.value), null);
  if (narrow === 2) return constOf(roundToFloat16(c.value), null);
  return c;
}

function bits(x: bigint): number {
  return (x < 0n ? -x : x).toString(16).length * 4;
}

/** Constant arithmetic: exact for integers as Python's int is (except /), else as the block kernels compute it. */
function foldArith(op: ArithOp, a: Const, b: Const): Const {
  if (a.int !== null && b.int !== null) {
    const r = intArith(op, a.int, b.int);
    if (r !== null && bits(r) <= MAX_INT_BITS) return constOf(Number(r), r);
  }
  return constOf(arithScalar(op, a.value, b.value), null);
}

function intArith(op: ArithOp, x: bigint, y: bigint): bigint | null {
  switch (op) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/': return null;
    case '%': {
      if (y === 0n) return null;
      const r = x % y;
      return r !== 0n && r < 0n !== y < 0n ? r + y : r;
    }
    case '**':
      if (y < 0n || BigInt(bits(x)) * y > BigInt(MAX_INT_BITS)) return null;
      return x ** y;
  }
}

/** -1, 0 or 1 as a compares with b, code point by code point (a proper prefix is less). */
function compareCodePoints(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function not(a: BoolPlan): BoolPlan {
  if (a.k === 'const') return { k: 'const', value: !a.value };
  if (a.k === 'not') return a.a;
  return { k: 'not', a };
}

/** and/or with constants folded away and nested chains of the same kind merged. */
function junction(kind: 'and' | 'or', items: readonly BoolPlan[]): BoolPlan {
  const decisive = kind === 'or';
  const kept: BoolPlan[] = [];
  for (const item of items) {
    if (item.k === 'const') {
      if (item.value === decisive) return item;
      continue;
    }
    if (item.k === kind) for (const inner of item.items) kept.push(inner);
    else kept.push(item);
  }
  if (kept.length === 0) return { k: 'const', value: !decisive };
  if (kept.length === 1) return kept[0]!;
  // Reordering is safe: operands have no effects and NaN is already settled inside each comparison.
  const costs = new Map(kept.map((item) => [item, boolCost(item)]));
  return { k: kind, items: kept.sort((a, b) => costs.get(a)! - costs.get(b)!) };
}

function and(items: readonly BoolPlan[]): BoolPlan {
  return junction('and', items);
}
function or(items: readonly BoolPlan[]): BoolPlan {
  return junction('or', items);
}
