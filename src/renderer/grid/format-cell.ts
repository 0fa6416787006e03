// How one value of a column is written in a cell and in copied TSV, by its NumPy dtype.
import { parseDType } from '../../shared/dtype.js';
import { formatFloat32 } from '../format/format-units.js';

export type CellFormatter = (value: unknown) => string;

/** A formatter for a dtype: float32 at its shortest exact decimal, others as the host sent them. */
export function cellFormatter(dtype: string): CellFormatter {
  let kind = 'S';
  let size = 0;
  try {
    const d = parseDType(dtype);
    kind = d.kind;
    size = d.itemSize;
  } catch {
    // An unknown dtype is still shown, as text.
  }
  if (kind === 'f' && size === 4) return (v) => (typeof v === 'number' ? formatFloat32(v) : '');
  return (v) => (v === undefined || v === null ? '' : String(v));
}

/** Whether values of this dtype line up on the right (numbers). */
export function isNumericDType(dtype: string): boolean {
  try {
    return 'iufc'.includes(parseDType(dtype).kind);
  } catch {
    return false;
  }
}
