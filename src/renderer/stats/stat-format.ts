// How the statistics panel writes numbers: moments and bin edges to 6 significant digits, extremes as the grid writes the column's values.
import { formatValue } from '../../shared/format-value.js';

const SIG6 = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

/** 6 significant digits with thousands separators; exponent form for very large or very small magnitudes. */
export function formatStat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  const a = Math.abs(v);
  if (a >= 1e15 || (a > 0 && a < 1e-4)) return v.toExponential(5).replace(/\.?0+e/, 'e');
  return SIG6.format(v);
}

/** A minimum or maximum: 64-bit integers arrive as decimal strings and are shown as sent. */
export function formatExtreme(v: number | string, dtype: string): string {
  return typeof v === 'string' ? v : formatValue(v, dtype);
}
