// Equal-width histograms that reproduce np.histogram(x, bins) bit for bit: NumPy's edges, its arithmetic dtype and its edge corrections.

import { f16round } from './float16.js';

/**
 * A column's float type as NumPy's histogram sees it: its own for float columns, float64 for every integer
 * column (np.histogram casts integers to float64).
 */
export type FloatType = 'float64' | 'float32' | 'float16';

export interface HistogramRange {
  /** Smallest and largest finite value, exactly (integers beyond 2^53 rounded as NumPy's float64 cast does). */
  readonly min: number;
  readonly max: number;
  /**
   * The divisor NumPy uses when min < max: `_unsigned_subtract(max, min)`, i.e. the difference rounded
   * to the column's float type, or for integers the exact difference as an unsigned integer, as a double.
   */
  readonly span: number;
  readonly type: FloatType;
  readonly bins: number;
}

export interface HistogramPlan {
  readonly bins: number;
  /** Edges in the bin dtype (as doubles, exactly). */
  readonly edges: Float64Array;
  /** The left edge and the scale, each cast to the dtype its operation runs in. */
  readonly first: number;
  readonly norm: number;
  /** The dtypes of `x − first` and of `(x − first) · norm`. */
  readonly subtract: FloatType;
  readonly multiply: FloatType;
}

const RANK: Record<FloatType, number> = { float16: 0, float32: 1, float64: 2 };

function widest(...types: FloatType[]): FloatType {
  return types.reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
}

/**
 * np.min_scalar_type of a Python float, which NumPy 1.x's value-based casting uses when a float64 scalar meets
 * an array: a float16 array times 1e6 computes in float32, times 1e39 in float64 (NaN and ±inf count as float16).
 */
function scalarType(v: number): FloatType {
  if (!Number.isFinite(v) || Math.abs(v) < 65000) return 'float16';
  return Math.abs(v) < 3.4e38 ? 'float32' : 'float64';
}

function rounder(t: FloatType): (x: number) => number {
  return t === 'float64' ? (x) => x : t === 'float32' ? Math.fround : f16round;
}

/**
 * Edges and scale as numpy/lib/histograms.py (NumPy 1.24) computes them for x with `range=(x.min(), x.max())`,
 * which is also what np.histogram autodetects. A constant column gets NumPy's (min − 0.5, max + 0.5) as float64
 * scalars, whose value-based casting may widen the bin dtype. np.linspace works in float64 (`start * 1.0`)
 * and the edges are cast to the bin dtype; the indices are `(x − first) · (bins / span)` in the dtypes above.
 */
export function planHistogram(range: HistogramRange): HistogramPlan {
  const { bins, type } = range;
  const degenerate = range.min === range.max;
  const first = degenerate ? range.min - 0.5 : range.min;
  const last = degenerate ? range.max + 0.5 : range.max;
  const span = degenerate ? last - first : range.span;
  // Away from a constant column first and last are scalars of the column's dtype, which never widen it.
  const binType = degenerate ? widest(type, scalarType(first), scalarType(last)) : type;
  const subtract = degenerate ? widest(binType, scalarType(first)) : binType;
  const norm = bins / span;
  const multiply = widest(subtract, scalarType(norm));
  const r = rounder(binType);
  const edges = new Float64Array(bins + 1);
  const delta = last - first;
  const step = delta / bins;
  for (let i = 0; i <= bins; i++) {
    // gh-5437: a step that underflows to zero divides first, as linspace does.
    const y = step === 0 ? (i / bins) * delta : i * step;
    edges[i] = r(y + first);
  }
  edges[bins] = r(last);
  return { bins, edges, first: rounder(subtract)(first), norm: rounder(multiply)(norm), subtract, multiply };
}

/**
 * Adds values[0, n) to counts: every value must lie in [min, max] of the plan's range (finite, no NaN).
 * NumPy's index is trunc((x − first) · norm), then corrected by one against the edges.
 */
export function binValues(plan: HistogramPlan, values: Float64Array, n: number, counts: Float64Array): void {
  const { bins, edges, first, norm } = plan;
  if (plan.subtract === 'float64' && plan.multiply === 'float64') {
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      counts[binOf(x, (x - first) * norm, bins, edges)]!++;
    }
    return;
  }
  const sub = rounder(plan.subtract);
  const mul = rounder(plan.multiply);
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    counts[binOf(x, mul(sub(x - first) * norm), bins, edges)]!++;
  }
}
function binOf(x: number, scaled: number, bins: number, edges: Float64Array): number {
  // Math.trunc as NumPy's cast to intp, and its `indices[indices == bins] -= 1`. Beyond bins or NaN happens only
  // where NumPy itself fails (a float16 span overflowing to inf): clamped here instead of raising.
  let k = scaled >= 0 ? Math.trunc(scaled) : 0;
  if (k >= bins) k = bins - 1;
  if (x < edges[k]!) k--;
  if (k !== bins - 1 && x >= edges[k + 1]!) k++;
  return k < 0 ? 0 : k;
}
