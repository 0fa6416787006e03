// How one value of a column is written in a cell and in copied TSV, by its NumPy dtype.
import { parseDType } from '../../shared/dtype.js';
import { formatValue } from '../../shared/format-value.js';

export type CellFormatter = (value: unknown) => string;

/** A formatter for a dtype: floats as NumPy prints them (shortest exact digits, 25.0, nan), others as the host sent them. */
export function cellFormatter(dtype: string): CellFormatter {
  return (v) => (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? formatValue(v, dtype) : '');
}

/** Whether values of this dtype line up on the right (numbers). */
export function isNumericDType(dtype: string): boolean {
  try {
    return 'iufc'.includes(parseDType(dtype).kind);
  } catch {
    return false;
  }
}
