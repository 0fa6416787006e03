// Statistics of integer and float columns: NaN count, exact min/max, compensated mean and spread, distinct values, NumPy's histogram.

import { parseDType, type ParsedDType } from '../../shared/dtype.js';
import { formatValue } from '../../shared/format-value.js';
import type { ColumnStats } from '../../shared/view.js';
import type { NumericArray } from '../store/dtype-arrays.js';
import type { Block, MutableStats, StatsAccumulator } from './accumulator.js';
import { decodeHalves, f16round } from './float16.js';
import { binValues, planHistogram, type FloatType, type HistogramPlan } from './numpy-histogram.js';
import { FEW_DISTINCT, present, selectTop } from './top-values.js';
import { ValueCounter } from './value-counter.js';

const TWO_32 = 4294967296;
const bitsOf = new Float64Array(1);
const wordsOf = new Int32Array(bitsOf.buffer);

function numberFromWords(lo: number, hi: number): number {
  wordsOf[0] = lo;
  wordsOf[1] = hi;
  return bitsOf[0]!;
}

/**
 * Every value goes through a float64 block: exact for every type but 64-bit integers, whose exact
 * min, max and distinct keys come from their 32-bit halves first (no BigInt per row). Distinct values
 * are keyed by float64 bits (−0 as +0, NaN left out, like np.unique). Mean and std are NumPy's
 * nanmean/nanstd of the values cast to float64: a NaN is missing, ±inf makes the mean ±inf (NaN when
 * both occur) and the std NaN; the histogram counts finite values only, since NumPy refuses an infinite range.
 */
export class NumericAccumulator implements StatsAccumulator {
  private readonly d: ParsedDType;
  private readonly wide: boolean;
  private readonly floatType: FloatType;
  private readonly counter = new ValueCounter();
  private scratch = new Float64Array(0);
  private finite = new Float64Array(0);
  private rows = 0;
  private nan = 0;
  private posInf = 0;
  private negInf = 0;
  private finiteCount = 0;
  private fmin = Infinity;
  private fmax = -Infinity;
  private sum = 0;
  private compensation = 0;
  /** 64-bit integer extremes as (hi, lo>>>0) pairs, hi signed or unsigned as the dtype is. */
  private minHi = Infinity;
  private minLo = Infinity;
  private maxHi = -Infinity;
  private maxLo = -Infinity;
  private plan: HistogramPlan | null = null;
  private counts: Float64Array | null = null;
  private mean = 0;
  private squares = 0;
  private squaresCompensation = 0;

  constructor(private readonly name: string, private readonly dtype: string, private readonly bins: number) {
    this.d = parseDType(dtype);
    this.wide = this.d.itemSize === 8 && this.d.kind !== 'f';
    this.floatType = this.d.kind !== 'f' ? 'float64' : this.d.itemSize === 4 ? 'float32' : this.d.itemSize === 2 ? 'float16' : 'float64';
  }

  add(block: Block): void {
    const data = block as NumericArray;
    const n = data.length;
    this.rows += n;
    if (data instanceof Float64Array) return this.scan(data, n, true);
    const v = this.values(n);
    if (this.wide) {
      this.scanWide(new Int32Array(data.buffer, data.byteOffset, n * 2), n, v);
      return this.scan(v, n, false);
    }
    this.toFloat64(data, n, v);
    this.scan(v, n, true);
  }

  private values(n: number): Float64Array {
    if (this.scratch.length < n) this.scratch = new Float64Array(n);
    return this.scratch;
  }

  private toFloat64(data: NumericArray, n: number, out: Float64Array): void {
    if (this.floatType === 'float16') decodeHalves(data as Uint16Array, n, out);
    else out.set(data.subarray(0, n) as Exclude<NumericArray, BigInt64Array | BigUint64Array>);
  }

  /** 64-bit integers: exact extremes and keys from the halves, and the float64 cast NumPy makes into `out`. */
  private scanWide(halves: Int32Array, n: number, out: Float64Array): void {
    const signed = this.d.kind === 'i';
    const counter = this.counter;
    let { minHi, minLo, maxHi, maxLo } = this;
    for (let i = 0; i < n; i++) {
      const lo = halves[2 * i]!;
      const hi = halves[2 * i + 1]!;
      counter.add(lo, hi);
      const h = signed ? hi : hi >>> 0;
      const l = lo >>> 0;
      if (h < minHi || (h === minHi && l < minLo)) {
        minHi = h;
        minLo = l;
      }
      if (h > maxHi || (h === maxHi && l > maxLo)) {
        maxHi = h;
        maxLo = l;
      }
      // hi·2^32 is exact, so the sum rounds once: the correctly rounded cast NumPy's astype(float64) gives.
      out[i] = h * TWO_32 + l;
    }
    Object.assign(this, { minHi, minLo, maxHi, maxLo });
  }

  private scan(v: Float64Array, n: number, keyed: boolean): void {
    const words = new Int32Array(v.buffer, v.byteOffset, n * 2);
    const counter = this.counter;
    let { nan, posInf, negInf, finiteCount, fmin, fmax, sum, compensation } = this;
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      if (x !== x) {
        nan++;
        continue;
      }
      if (keyed) {
        if (x === 0) counter.add(0, 0);
        else counter.add(words[2 * i]!, words[2 * i + 1]!);
      }
      if (x - x !== 0) {
        if (x > 0) posInf++;
        else negInf++;
        continue;
      }
      finiteCount++;
      if (x < fmin) fmin = x;
      if (x > fmax) fmax = x;
      const t = sum + x;
      if (Math.abs(sum) >= Math.abs(x)) compensation += sum - t + x;
      else compensation += x - t + sum;
      sum = t;
    }
    Object.assign(this, { nan, posInf, negInf, finiteCount, fmin, fmax, sum, compensation });
  }

  wantsSecondPass(): boolean {
    if (this.finiteCount === 0) return false;
    this.mean = (this.sum + this.compensation) / this.finiteCount;
    this.plan = planHistogram({ min: this.fmin, max: this.fmax, span: this.span(), type: this.floatType, bins: this.bins });
    this.counts = new Float64Array(this.bins);
    return true;
  }

  /** NumPy's `_unsigned_subtract(max, min)`: exact for integers (as an unsigned difference), rounded to the dtype for floats. */
  private span(): number {
    if (this.wide) return Number(this.bigMax() - this.bigMin());
    const diff = this.fmax - this.fmin;
    return this.floatType === 'float32' ? Math.fround(diff) : this.floatType === 'float16' ? f16round(diff) : diff;
  }

  addAgain(block: Block): void {
    const data = block as NumericArray;
    const n = data.length;
    let v: Float64Array;
    if (data instanceof Float64Array) v = data;
    else {
      v = this.values(n);
      if (this.wide) {
        const halves = new Int32Array(data.buffer, data.byteOffset, n * 2);
        const signed = this.d.kind === 'i';
        for (let i = 0; i < n; i++) v[i] = (signed ? halves[2 * i + 1]! : halves[2 * i + 1]! >>> 0) * TWO_32 + (halves[2 * i]! >>> 0);
      } else this.toFloat64(data, n, v);
    }
    if (this.finite.length < n) this.finite = new Float64Array(n);
    const finite = this.finite;
    const mean = this.mean;
    let { squares, squaresCompensation } = this;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      if (x - x !== 0) continue;
      finite[m++] = x;
      const dx = x - mean;
      const sq = dx * dx;
      const t = squares + sq;
      if (squares >= sq) squaresCompensation += squares - t + sq;
      else squaresCompensation += sq - t + squares;
      squares = t;
    }
    this.squares = squares;
    this.squaresCompensation = squaresCompensation;
    binValues(this.plan!, finite, m, this.counts!);
  }

  private bigMin(): bigint {
    return BigInt(this.minHi) * 4294967296n + BigInt(this.minLo);
  }

  private bigMax(): bigint {
    return BigInt(this.maxHi) * 4294967296n + BigInt(this.maxLo);
  }

  finish(): ColumnStats {
    const nonMissing = this.rows - this.nan;
    const out: MutableStats = { name: this.name, dtype: this.dtype, count: this.rows, missing: this.nan };
    if (nonMissing > 0) {
      if (this.wide) {
        out.min = this.bigMin().toString();
        out.max = this.bigMax().toString();
      } else {
        out.min = this.negInf > 0 ? -Infinity : this.finiteCount > 0 ? this.fmin : Infinity;
        out.max = this.posInf > 0 ? Infinity : this.finiteCount > 0 ? this.fmax : -Infinity;
      }
      const infinite = this.posInf > 0 || this.negInf > 0;
      out.mean = infinite ? (this.posInf > 0 && this.negInf > 0 ? NaN : this.posInf > 0 ? Infinity : -Infinity) : (this.sum + this.compensation) / this.finiteCount;
      out.std = infinite ? NaN : Math.sqrt((this.squares + this.squaresCompensation) / this.finiteCount);
    }
    out.distinct = this.counter.distinct();
    if (this.counter.exact && this.counter.size <= FEW_DISTINCT) out.top = this.top();
    if (this.plan && this.counts) out.histogram = { edges: Array.from(this.plan.edges), counts: Array.from(this.counts) };
    return out;
  }

  private top(): { value: string; count: number }[] {
    const c = this.counter;
    const signed = this.d.kind === 'i';
    const big = (e: number): bigint => (signed ? BigInt(c.hi[e]!) : BigInt(c.hi[e]! >>> 0)) * 4294967296n + BigInt(c.lo[e]! >>> 0);
    const num = (e: number): number => numberFromWords(c.lo[e]!, c.hi[e]!);
    const compare = this.wide ? (a: number, b: number) => (big(a) < big(b) ? -1 : big(a) > big(b) ? 1 : 0) : (a: number, b: number) => num(a) - num(b);
    return selectTop(present(c.counts, c.size), (e) => c.counts[e]!, compare).map((e) => ({
      value: this.wide ? big(e).toString() : formatValue(num(e), this.dtype),
      count: c.counts[e]!,
    }));
  }
}
