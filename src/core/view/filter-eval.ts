// Evaluates a filter plan over one block of rows: whole-block kernels, buffers pooled, each column read once per block.

import type { ColumnData, DatasetReader, DictionaryData } from '../store/dataset-reader.js';
import type { NumericArray } from '../store/dtype-arrays.js';
import { arithBlock, unaryBlock } from './filter-arith.js';
import { compareBlock } from './filter-compare.js';
import { float16Values } from './filter-float16.js';
import { compareIntColumns, compareIntLiteral } from './filter-int64.js';
import type { BoolPlan, ColumnRef, NumPlan } from './filter-plan.js';
import { compareStringColumns, compareStringLiteral, newDictionaryCache, type DictionaryCache, type StringData } from './filter-strings.js';

/** Reusable block-sized buffers; a value handed back that the pool did not make (a column's own array) is ignored. */
class Pool<T extends Float64Array | Uint8Array> {
  private readonly free: T[] = [];
  private readonly mine = new WeakSet<T>();
  constructor(private readonly make: () => T) {}
  take(): T {
    const x = this.free.pop() ?? this.make();
    this.mine.add(x);
    return x;
  }
  owns(x: unknown): x is T {
    return typeof x === 'object' && x !== null && this.mine.has(x as T);
  }
  give(x: unknown): void {
    if (this.owns(x)) this.free.push(x);
  }
}

export class BlockEvaluator {
  private first = 0;
  private n = 0;
  /** This block's column data as readEncoded gives it (its buffers live until the next block's read). */
  private readonly raw = new Map<string, ColumnData | DictionaryData>();
  /** This block's numeric columns as float64, and the buffers they are converted into. */
  private readonly floats = new Map<string, Float64Array>();
  private readonly floatBuffers = new Map<string, Float64Array>();
  private readonly numbers: Pool<Float64Array>;
  private readonly masks: Pool<Uint8Array>;
  private readonly dictionaries = new Map<BoolPlan, DictionaryCache>();

  constructor(private readonly reader: DatasetReader, private readonly blockRows: number) {
    this.numbers = new Pool(() => new Float64Array(blockRows));
    this.masks = new Pool(() => new Uint8Array(blockRows));
  }

  /** Moves to rows [first, first + n); n ≤ blockRows. */
  setBlock(first: number, n: number): void {
    this.first = first;
    this.n = n;
    this.raw.clear();
    this.floats.clear();
  }

  /** Columns are read only when a plan needs them, so `false_thing and x` never reads x. */
  private column(name: string): ColumnData | DictionaryData {
    let d = this.raw.get(name);
    if (!d) this.raw.set(name, (d = this.reader.readEncoded(name, this.first, this.n)));
    return d;
  }

  /** A numeric or bool column as float64: float64 columns as they are, others converted once per block. */
  private float(col: ColumnRef): Float64Array {
    const have = this.floats.get(col.name);
    if (have) return have;
    const data = this.column(col.name) as NumericArray;
    let out: Float64Array;
    if (data instanceof Float64Array) out = data;
    else {
      let buf = this.floatBuffers.get(col.name);
      if (!buf) this.floatBuffers.set(col.name, (buf = new Float64Array(this.blockRows)));
      out = buf;
      const n = this.n;
      if (col.dtype.kind === 'f' && col.dtype.itemSize === 2) {
        const table = float16Values();
        const bits = data as Uint16Array;
        for (let i = 0; i < n; i++) out[i] = table[bits[i]!]!;
      } else if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
        // hi·2^32 is exact, so the sum rounds once: the nearest double, as NumPy's int64 → float64 cast gives.
        const h = new Int32Array(data.buffer, data.byteOffset, n * 2);
        if (data instanceof BigInt64Array) for (let i = 0; i < n; i++) out[i] = h[2 * i + 1]! * 4294967296 + (h[2 * i]! >>> 0);
        else for (let i = 0; i < n; i++) out[i] = (h[2 * i + 1]! >>> 0) * 4294967296 + (h[2 * i]! >>> 0);
      } else out.set(data as Exclude<NumericArray, BigInt64Array | BigUint64Array>);
    }
    this.floats.set(col.name, out);
    return out;
  }

  /** Hands a mask or number array back to its pool once the caller is done with it. */
  release(x: Float64Array | Uint8Array | number): void {
    if (x instanceof Uint8Array) this.masks.give(x);
    else this.numbers.give(x);
  }

  /** The plan's 0/1 answer for every row of the block, in a pooled buffer the caller releases. */
  mask(plan: BoolPlan): Uint8Array {
    const n = this.n;
    switch (plan.k) {
      case 'const': {
        const out = this.masks.take();
        out.fill(plan.value ? 1 : 0, 0, n);
        return out;
      }
      case 'col': {
        const data = this.column(plan.col.name) as Uint8Array;
        const out = this.masks.take();
        for (let i = 0; i < n; i++) out[i] = +(data[i] !== 0);
        return out;
      }
      case 'not': {
        const out = this.mask(plan.a);
        for (let i = 0; i < n; i++) out[i] = out[i]! ^ 1;
        return out;
      }
      case 'and':
      case 'or':
        return this.junction(plan.k, plan.items);
      case 'cmp': {
        const a = this.num(plan.a);
        const b = this.num(plan.b);
        const out = this.masks.take();
        compareBlock(plan.op, typeof a === 'number' ? this.filled(a) : a, b, out, n);
        this.release(a);
        this.release(b);
        return out;
      }
      case 'intCmp': {
        const out = this.masks.take();
        const a = this.column(plan.a.name) as NumericArray;
        if (typeof plan.b === 'bigint') compareIntLiteral(plan.op, a, plan.a.dtype, plan.b, out, n);
        else {
          const scratch = [this.numbers.take(), this.numbers.take(), this.numbers.take(), this.numbers.take()] as const;
          compareIntColumns(plan.op, a, plan.a.dtype, this.column(plan.b.name) as NumericArray, plan.b.dtype, out, n, scratch);
          for (const s of scratch) this.numbers.give(s);
        }
        return out;
      }
      case 'strCmp': {
        let cache = this.dictionaries.get(plan);
        if (!cache) this.dictionaries.set(plan, (cache = newDictionaryCache()));
        const out = this.masks.take();
        compareStringLiteral(plan.op, this.column(plan.a.name) as StringData, plan.a.dtype.kind === 'U', plan.b, out, n, cache);
        return out;
      }
      case 'strCmp2': {
        const out = this.masks.take();
        compareStringColumns(plan.op, this.column(plan.a.name) as StringData, this.column(plan.b.name) as StringData, plan.a.dtype.kind === 'U', out, n);
        return out;
      }
      case 'isnan':
      case 'isfinite': {
        const a = this.num(plan.a);
        const v = typeof a === 'number' ? this.filled(a) : a;
        const out = this.masks.take();
        if (plan.k === 'isnan') for (let i = 0; i < n; i++) out[i] = +(v[i] !== v[i]);
        else for (let i = 0; i < n; i++) out[i] = +(v[i]! - v[i]! === 0);
        this.release(v);
        return out;
      }
    }
  }

  /** and/or left to right, skipping the rest once the block's answer is settled (no row left, or every row in). */
  private junction(kind: 'and' | 'or', items: readonly BoolPlan[]): Uint8Array {
    const n = this.n;
    const acc = this.mask(items[0]!);
    for (let k = 1; k < items.length; k++) {
      if (settled(acc, n, kind === 'and' ? 1 : 0)) break;
      const m = this.mask(items[k]!);
      if (kind === 'and') for (let i = 0; i < n; i++) acc[i] = acc[i]! & m[i]!;
      else for (let i = 0; i < n; i++) acc[i] = acc[i]! | m[i]!;
      this.masks.give(m);
    }
    return acc;
  }

  private filled(value: number): Float64Array {
    const out = this.numbers.take();
    out.fill(value, 0, this.n);
    return out;
  }

  /** The plan's value per row: a float64 array (pooled, or a column's own) or one number for a constant. */
  num(plan: NumPlan): Float64Array | number {
    const n = this.n;
    switch (plan.k) {
      case 'const': return plan.value;
      case 'col': return this.float(plan.col);
      case 'mask': {
        const m = this.mask(plan.a);
        const out = this.numbers.take();
        for (let i = 0; i < n; i++) out[i] = m[i]!;
        this.masks.give(m);
        return out;
      }
      case 'neg':
      case 'abs': {
        const a = this.num(plan.a);
        const v = typeof a === 'number' ? this.filled(a) : a;
        const out = this.numbers.owns(v) ? v : this.numbers.take();
        unaryBlock(plan.k, v, out, n);
        return out;
      }
      case 'arith': {
        let acc = this.num(plan.first);
        for (const step of plan.rest) {
          const b = this.num(step.b);
          const out = this.numbers.owns(acc) ? acc : this.numbers.owns(b) ? b : this.numbers.take();
          arithBlock(step.op, acc, b, out, n);
          if (b !== out) this.release(b);
          acc = out;
        }
        return acc;
      }
    }
  }
}

/** Whether no row is `live` any more: for 'and' no row is still 1, for 'or' every row already is (none is 0). */
function settled(mask: Uint8Array, n: number, live: number): boolean {
  for (let i = 0; i < n; i++) if (mask[i] === live) return false;
  return true;
}
