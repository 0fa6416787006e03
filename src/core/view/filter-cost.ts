// A rough cost per row of evaluating a plan, so that and/or test their cheap operands first.

import type { BoolPlan, NumPlan } from './filter-plan.js';

/**
 * and/or skip their remaining operands on a block once its answer is settled, so the cheapest go first:
 * `pct > 50 and chr == "chr1"` looks up the dictionary first and reads pct only in blocks that hold chr1.
 * Units are loosely "passes over the block"; only the order matters.
 */
export function boolCost(p: BoolPlan): number {
  switch (p.k) {
    case 'const': return 0;
    case 'col': return 1;
    case 'strCmp': return 1.5; // a table lookup per row for dictionary columns (the common case)
    case 'not': return boolCost(p.a) + 0.5;
    case 'and': case 'or': return p.items.reduce((sum, item) => sum + boolCost(item), 0);
    case 'cmp': return 1 + numCost(p.a) + numCost(p.b);
    case 'intCmp': return typeof p.b === 'bigint' ? 3 : 6;
    case 'strCmp2': return 8;
    case 'isnan': case 'isfinite': return 1 + numCost(p.a);
  }
}

function numCost(p: NumPlan): number {
  switch (p.k) {
    case 'const': return 0;
    case 'col': return 1;
    case 'mask': return 1 + boolCost(p.a);
    case 'neg': case 'abs': return 1 + numCost(p.a);
    case 'arith': return p.rest.reduce((sum, step) => sum + 1 + numCost(step.b) + (step.op === '**' || step.op === '%' ? 3 : 0), numCost(p.first));
  }
}
