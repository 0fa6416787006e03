// NumPy's own description of a column (for tests): the Python that computes it and the check of a ColumnStats against it.

import { expect } from 'vitest';
import { parseDType } from '../../../shared/dtype.js';
import type { ColumnStats } from '../../../shared/view.js';
import { HLL_RELATIVE_ERROR } from '../hyperloglog.js';

/** What NumPy says about one column; floats travel as base64 float64 bytes so that NaN, ±inf and every bit survive. */
export interface Truth {
  name: string;
  dtype: string;
  bins: number;
  /** The column's bytes (cases built in Python and fed to our code). */
  data?: string;
  count: number;
  missing: number;
  minmax?: string;
  min?: string;
  max?: string;
  moments?: string;
  distinct?: number;
  top?: { values: string | string[]; counts: number[] };
  hist?: { edges: string; counts: number[] };
}

/**
 * Python: `describe(name, x, bins)` with NumPy's functions only. Numbers: nanmin/nanmax, nanmean/nanstd of
 * x.astype(float64), np.unique without NaN, np.histogram(x[isfinite], bins) with no range (NumPy autodetects
 * min and max). Strings: '' is missing, np.unique of the rest. Ties in top: count descending, then np.unique's order.
 */
export const PY_DESCRIBE = `
import base64, warnings
warnings.filterwarnings('ignore')
def b64(a): return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode()
def f64(v): return b64(np.asarray(v, dtype='<f8'))
def text(s):
    if isinstance(s, str): return s
    try: return s.decode('utf-8')
    except UnicodeDecodeError: return s.decode('latin-1')
def top(u, c, show):
    order = np.argsort(-c, kind='stable')[:10]
    return {'values': show(u[order]), 'counts': c[order].tolist()}
def describe(name, x, bins=50):
    x = np.asarray(x)
    k = x.dtype.kind
    out = {'name': name, 'dtype': x.dtype.str, 'bins': bins, 'count': len(x), 'missing': 0}
    if k == 'c': return out
    if k == 'b':
        u, c = np.unique(x, return_counts=True)
        out['distinct'] = len(u)
        out['top'] = top(u, c, lambda v: ['True' if t else 'False' for t in v])
        return out
    if k in 'SU':
        empty = x == x.dtype.type()
        out['missing'] = int(empty.sum())
        u, c = np.unique(x[~empty], return_counts=True)
        out['distinct'] = len(u)
        out['top'] = top(u, c, lambda v: [text(t) for t in v])
        return out
    wide = k in 'iu' and x.dtype.itemsize == 8
    nan = np.isnan(x) if k == 'f' else np.zeros(len(x), bool)
    v = x[~nan]
    out['missing'] = int(nan.sum())
    if len(v):
        if wide: out['min'], out['max'] = str(v.min()), str(v.max())
        else: out['minmax'] = f64([v.min(), v.max()])
        f = x.astype(np.float64)
        out['moments'] = f64([np.nanmean(f), np.nanstd(f)])
    u, c = np.unique(v, return_counts=True)
    out['distinct'] = len(u)
    if len(u) <= 20: out['top'] = top(u, c, lambda t: [str(int(s)) for s in t] if wide else f64(t))
    fin = v[np.isfinite(v)]
    if len(fin):
        counts, edges = np.histogram(fin, bins)
        out['hist'] = {'edges': f64(edges), 'counts': counts.tolist()}
    return out
`;

export function bytesOf(b64: string): ArrayBuffer {
  const b = Buffer.from(b64, 'base64');
  const out = new ArrayBuffer(b.length);
  new Uint8Array(out).set(b);
  return out;
}

export function f64s(b64: string): number[] {
  return Array.from(new Float64Array(bytesOf(b64)));
}

/**
 * Checks our statistics against NumPy's: counts, integers, min/max, distinct (when exact), top and histogram
 * exactly; mean and std within 1e-12 of the data's scale (|mean| + std), NaN and ±inf exactly; a HyperLogLog
 * estimate within three standard errors (the hash is fixed, so the check is deterministic).
 */
export function expectMatchesNumpy(s: ColumnStats, t: Truth): void {
  const d = parseDType(t.dtype);
  const label = `${t.name} (${t.dtype})`;
  expect({ name: s.name, dtype: parseDType(s.dtype).descr, count: s.count, missing: s.missing }, label).toEqual({ name: t.name, dtype: d.descr, count: t.count, missing: t.missing });
  if (t.min !== undefined) expect([s.min, s.max], label).toEqual([t.min, t.max]);
  else if (t.minmax) expect([s.min, s.max], label).toEqual(f64s(t.minmax));
  else expect([s.min, s.max, s.mean, s.std], label).toEqual([undefined, undefined, undefined, undefined]);
  if (t.moments) {
    const [mean, std] = f64s(t.moments) as [number, number];
    const scale = Math.abs(mean) + std;
    for (const [ours, theirs] of [[s.mean!, mean], [s.std!, std]] as const) {
      if (!Number.isFinite(theirs)) expect(ours, label).toBe(theirs);
      else expect(Math.abs(ours - theirs), label).toBeLessThanOrEqual(1e-12 * scale);
    }
  }
  if (t.distinct === undefined) expect(s.distinct, label).toBeUndefined();
  else if (t.distinct <= 65536) expect(s.distinct, label).toEqual({ value: t.distinct, exact: true });
  else {
    expect(s.distinct!.exact, label).toBe(false);
    expect(Math.abs(s.distinct!.value / t.distinct - 1), label).toBeLessThanOrEqual(3 * HLL_RELATIVE_ERROR);
  }
  if (!t.top) expect(s.top, label).toBeUndefined();
  else if (Array.isArray(t.top.values)) expect(s.top, label).toEqual(t.top.values.map((value, i) => ({ value, count: t.top!.counts[i] })));
  else {
    // Numbers come back as text the way the grid prints them; read back in the column's precision they must be NumPy's values.
    const round = d.kind === 'f' && d.itemSize < 8 ? Math.fround : (x: number) => x;
    const read = (v: string) => round(Number(v.replace('inf', 'Infinity')));
    expect(s.top!.map((v) => read(v.value)), label).toEqual(f64s(t.top.values).map((v) => (Object.is(v, -0) ? 0 : v)));
    expect(s.top!.map((v) => v.count), label).toEqual(t.top.counts);
  }
  if (t.hist) expect(s.histogram, label).toEqual({ edges: f64s(t.hist.edges), counts: t.hist.counts });
  else expect(s.histogram, label).toBeUndefined();
}
