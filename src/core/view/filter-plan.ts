// The checked, typed form of a filter that runFilter evaluates block by block: conditions give masks, numbers give float64.

import type { ParsedDType } from '../../shared/dtype.js';
import type { StringLiteral } from './filter-lex.js';
import type { ArithOp, CmpOp } from './filter-parse.js';

export interface ColumnRef {
  readonly name: string;
  readonly dtype: ParsedDType;
}

/**
 * A number per row, in float64. int64/uint64 columns become the nearest double here (NumPy would keep integer
 * arithmetic, exact and wrapping on overflow; a filter computes in float64 instead); a direct comparison of an
 * integer column with an integer literal or another integer column stays exact (see BoolPlan 'intCmp').
 */
export type NumPlan =
  /** A constant; `int` is the exact value of an integer constant (Python's int), used for exact comparisons. */
  | { readonly k: 'const'; readonly value: number; readonly int: bigint | null }
  /** A numeric or bool column (bool as 0/1). */
  | { readonly k: 'col'; readonly col: ColumnRef }
  /** A condition used as a number (0/1), as NumPy adds bools. */
  | { readonly k: 'mask'; readonly a: BoolPlan }
  | { readonly k: 'neg' | 'abs'; readonly a: NumPlan }
  /** ((first op b0) op b1) …, left to right. */
  | { readonly k: 'arith'; readonly first: NumPlan; readonly rest: readonly { readonly op: ArithOp; readonly b: NumPlan }[] };

export type BoolPlan =
  | { readonly k: 'const'; readonly value: boolean }
  /** A bool column: nonzero bytes are true. */
  | { readonly k: 'col'; readonly col: ColumnRef }
  | { readonly k: 'not'; readonly a: BoolPlan }
  | { readonly k: 'and' | 'or'; readonly items: readonly BoolPlan[] }
  /** Float64 comparison; a constant side is always `b`, already rounded to the column's float32/float16 when NumPy would. */
  | { readonly k: 'cmp'; readonly op: CmpOp; readonly a: NumPlan; readonly b: NumPlan }
  /** Exact integer comparison where a 64-bit integer column is involved: with an integer constant or another integer column. */
  | { readonly k: 'intCmp'; readonly op: CmpOp; readonly a: ColumnRef; readonly b: ColumnRef | bigint }
  /** A string column against a literal, by bytes ('S') or code points ('U'), trailing NULs being padding. */
  | { readonly k: 'strCmp'; readonly op: CmpOp; readonly a: ColumnRef; readonly b: StringLiteral }
  | { readonly k: 'strCmp2'; readonly op: CmpOp; readonly a: ColumnRef; readonly b: ColumnRef }
  | { readonly k: 'isnan' | 'isfinite'; readonly a: NumPlan };

export interface FilterPlan {
  readonly root: BoolPlan;
  /** Columns the expression names, in order of first use. */
  readonly columns: readonly string[];
}
