// Comparisons of float64 blocks into 0/1 masks, with IEEE NaN rules (NaN compares false, != true) as NumPy has them.

import type { CmpOp } from './filter-parse.js';

/** The operator with its sides swapped: a < b is b > a. */
export function flipOp(op: CmpOp): CmpOp {
  switch (op) {
    case '<': return '>';
    case '<=': return '>=';
    case '>': return '<';
    case '>=': return '<=';
    default: return op;
  }
}

/**
 * For three-way comparisons (integers, strings): whether `op` holds when the left side is less (index 0),
 * equal (1) or greater (2) — one table lookup per row instead of a branch per operator.
 */
export function outcomes(op: CmpOp): Uint8Array {
  const table: Record<CmpOp, readonly number[]> = {
    '<': [1, 0, 0], '<=': [1, 1, 0], '==': [0, 1, 0], '!=': [1, 0, 1], '>=': [0, 1, 1], '>': [0, 0, 1],
  };
  return Uint8Array.from(table[op]);
}

export function compareScalar(op: CmpOp, a: number, b: number): boolean {
  switch (op) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
}

/**
 * out[i] = a[i] op b[i] (or b when it is one number) as 0/1. `+(x > y)` and not `x > y ? 1 : 0`: the JIT
 * keeps it free of branches, and a branch on random data is mispredicted half the time (twice as slow).
 */
export function compareBlock(op: CmpOp, a: Float64Array, b: Float64Array | number, out: Uint8Array, n: number): void {
  if (typeof b === 'number') {
    switch (op) {
      case '==': for (let i = 0; i < n; i++) out[i] = +(a[i]! === b); return;
      case '!=': for (let i = 0; i < n; i++) out[i] = +(a[i]! !== b); return;
      case '<': for (let i = 0; i < n; i++) out[i] = +(a[i]! < b); return;
      case '<=': for (let i = 0; i < n; i++) out[i] = +(a[i]! <= b); return;
      case '>': for (let i = 0; i < n; i++) out[i] = +(a[i]! > b); return;
      case '>=': for (let i = 0; i < n; i++) out[i] = +(a[i]! >= b); return;
    }
  }
  switch (op) {
    case '==': for (let i = 0; i < n; i++) out[i] = +(a[i]! === b[i]!); return;
    case '!=': for (let i = 0; i < n; i++) out[i] = +(a[i]! !== b[i]!); return;
    case '<': for (let i = 0; i < n; i++) out[i] = +(a[i]! < b[i]!); return;
    case '<=': for (let i = 0; i < n; i++) out[i] = +(a[i]! <= b[i]!); return;
    case '>': for (let i = 0; i < n; i++) out[i] = +(a[i]! > b[i]!); return;
    case '>=': for (let i = 0; i < n; i++) out[i] = +(a[i]! >= b[i]!); return;
  }
}
