// Compiles a filter expression against a table's columns: the public entry of the filter language (filter-parse.ts).

import { checkFilter, type ColumnSchema } from './filter-check.js';
import { parseFilter } from './filter-parse.js';
import type { FilterPlan } from './filter-plan.js';

export { FilterError } from './filter-error.js';

/** A filter that parsed and type-checked; plain data, so it can cross to the worker that runs it. */
export interface CompiledFilter {
  readonly expression: string;
  /** The columns the expression names, in order of first use. */
  readonly columns: readonly string[];
}

/** Parses and checks `expression`; throws FilterError (with the column it points at) when it is wrong. */
export function compileFilter(expression: string, columns: readonly ColumnSchema[]): CompiledFilter {
  return { expression, columns: planFilter(expression, columns).columns };
}

/** The plan runFilter evaluates. */
export function planFilter(expression: string, columns: readonly ColumnSchema[]): FilterPlan {
  return checkFilter(parseFilter(expression), columns);
}
