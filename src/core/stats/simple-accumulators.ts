// Statistics of bool columns (how many True and False) and complex columns (only the row count).

import type { ColumnStats } from '../../shared/view.js';
import type { Block, StatsAccumulator } from './accumulator.js';

/** Bool: no missing values; top lists True and False by count (only those that occur), distinct is exact. */
export class BoolAccumulator implements StatsAccumulator {
  private rows = 0;
  private trues = 0;

  constructor(private readonly name: string, private readonly dtype: string) {}

  add(block: Block): void {
    const v = block as Uint8Array;
    let t = 0;
    for (let i = 0; i < v.length; i++) if (v[i] !== 0) t++;
    this.trues += t;
    this.rows += v.length;
  }

  wantsSecondPass(): boolean {
    return false;
  }

  addAgain(): void {}

  finish(): ColumnStats {
    const falses = this.rows - this.trues;
    const byCount = [{ value: 'True', count: this.trues }, { value: 'False', count: falses }]
      // Ties go to the smaller value as np.unique orders them: False (0) before True (1).
      .sort((a, b) => b.count - a.count || (a.value === 'False' ? -1 : 1))
      .filter((t) => t.count > 0);
    return { name: this.name, dtype: this.dtype, count: this.rows, missing: 0, distinct: { value: byCount.length, exact: true }, top: byCount };
  }
}

/**
 * Complex columns get the row count only: NumPy orders complex numbers lexicographically, which gives no
 * meaningful min, max or histogram, and a NaN part makes "missing" ambiguous. The caller never reads their rows.
 */
export class ComplexAccumulator implements StatsAccumulator {
  private rows = 0;

  constructor(private readonly name: string, private readonly dtype: string) {}

  /** Rows counted without reading the column. */
  addRows(n: number): void {
    this.rows += n;
  }

  add(block: Block): void {
    this.rows += (block as Float32Array | Float64Array).length / 2;
  }

  wantsSecondPass(): boolean {
    return false;
  }

  addAgain(): void {}

  finish(): ColumnStats {
    return { name: this.name, dtype: this.dtype, count: this.rows, missing: 0 };
  }
}
