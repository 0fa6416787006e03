// Float64 arithmetic of filters over whole blocks, with NumPy's results where JavaScript's differ (%, **).

import type { ArithOp } from './filter-parse.js';

/** np.remainder (Python's %): the sign of the divisor, as NumPy's npy_divmod computes it from fmod. */
export function remainder(a: number, b: number): number {
  const m = a % b; // JavaScript's % is C's fmod
  if (b === 0) return m;
  if (m !== 0) return b < 0 !== m < 0 ? m + b : m;
  return b < 0 ? -0 : 0;
}

/**
 * C's pow, which np.power calls: unlike Math.pow, 1 ** anything and (-1) ** ±inf are 1. Exponents 2, 0.5 and -1
 * are exact (correctly rounded, as C's pow is there); other results may differ from NumPy's in the last bit or
 * two — NumPy's own pow depends on the CPU and build (glibc, or SIMD code that is not correctly rounded either).
 */
export function power(a: number, b: number): number {
  if (b === 2) return a * a;
  if (b === 0.5 && a !== -Infinity) return Math.sqrt(a) + 0; // + 0: pow(-0, 0.5) is +0
  if (b === -1) return 1 / a;
  if (a === 1 || (a === -1 && !Number.isFinite(b) && b === b)) return 1;
  return Math.pow(a, b);
}

export function arithScalar(op: ArithOp, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '%': return remainder(a, b);
    case '**': return power(a, b);
  }
}

/** out[0, n) = a op b, where either side may be one number; `out` may be `a` or `b`. */
export function arithBlock(op: ArithOp, a: Float64Array | number, b: Float64Array | number, out: Float64Array, n: number): void {
  if (typeof a === 'number') {
    if (typeof b === 'number') out.fill(arithScalar(op, a, b), 0, n);
    else scalarVector(op, a, b, out, n);
  } else if (typeof b === 'number') vectorScalar(op, a, b, out, n);
  else vectorVector(op, a, b, out, n);
}

// One loop per operator and shape: a loop the JIT sees with one operation stays a tight machine loop.
function vectorVector(op: ArithOp, a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  switch (op) {
    case '+': for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!; return;
    case '-': for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!; return;
    case '*': for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!; return;
    case '/': for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!; return;
    case '%': for (let i = 0; i < n; i++) out[i] = remainder(a[i]!, b[i]!); return;
    case '**': for (let i = 0; i < n; i++) out[i] = power(a[i]!, b[i]!); return;
  }
}

function vectorScalar(op: ArithOp, a: Float64Array, b: number, out: Float64Array, n: number): void {
  switch (op) {
    case '+': for (let i = 0; i < n; i++) out[i] = a[i]! + b; return;
    case '-': for (let i = 0; i < n; i++) out[i] = a[i]! - b; return;
    case '*': for (let i = 0; i < n; i++) out[i] = a[i]! * b; return;
    case '/': for (let i = 0; i < n; i++) out[i] = a[i]! / b; return;
    case '%': for (let i = 0; i < n; i++) out[i] = remainder(a[i]!, b); return;
    case '**': for (let i = 0; i < n; i++) out[i] = power(a[i]!, b); return;
  }
}

function scalarVector(op: ArithOp, a: number, b: Float64Array, out: Float64Array, n: number): void {
  switch (op) {
    case '+': for (let i = 0; i < n; i++) out[i] = a + b[i]!; return;
    case '-': for (let i = 0; i < n; i++) out[i] = a - b[i]!; return;
    case '*': for (let i = 0; i < n; i++) out[i] = a * b[i]!; return;
    case '/': for (let i = 0; i < n; i++) out[i] = a / b[i]!; return;
    case '%': for (let i = 0; i < n; i++) out[i] = remainder(a, b[i]!); return;
    case '**': for (let i = 0; i < n; i++) out[i] = power(a, b[i]!); return;
  }
}

/** out = -a or |a|; `out` may be `a`. */
export function unaryBlock(op: 'neg' | 'abs', a: Float64Array, out: Float64Array, n: number): void {
  if (op === 'neg') for (let i = 0; i < n; i++) out[i] = -a[i]!;
  else for (let i = 0; i < n; i++) out[i] = Math.abs(a[i]!);
}
