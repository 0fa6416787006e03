// Cell values as NumPy prints them: the shortest text that reads back to the same float32 or float64.

/** Shortest decimal that rounds back to the same float32, as NumPy prints float32 (66.67, not 66.66999816894531). */
export function formatFloat32(v: number): string {
  if (!Number.isFinite(v)) return formatSpecial(v);
  for (let p = 1; p <= 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return withPoint(Number(s), v);
  }
  return String(v);
}

/** float64: JavaScript's shortest round-trip form is the same digits as Python's repr. */
export function formatFloat64(v: number): string {
  if (!Number.isFinite(v)) return formatSpecial(v);
  return withPoint(v, v);
}

/** NumPy prints integral floats with a trailing '.0' (25.0), which tells them apart from integer columns. */
function withPoint(shortest: number, v: number): string {
  if (Object.is(v, -0)) return '-0.0';
  const s = String(shortest);
  return Number.isInteger(shortest) && Math.abs(shortest) < 1e16 ? `${s}.0` : s;
}

function formatSpecial(v: number): string {
  return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
}

/** Formats one value of a column with the given NumPy dtype for display. */
export function formatValue(value: number | string | boolean | null, dtype: string): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return value;
  if (dtype.endsWith('f4') || dtype.endsWith('f2')) return formatFloat32(value);
  if (dtype.includes('f')) return formatFloat64(value);
  return String(value);
}
