// `inspect --stats`: column statistics as a table with a one-line histogram per numeric column.

import type { ColumnStats } from '../shared/view.js';
import { formatValue } from '../shared/format-value.js';
import { groupDigits } from './cli-output.js';

const BARS = ' ▁▂▃▄▅▆▇█';

/** A histogram squeezed into `width` characters (bins summed in groups), scaled to the tallest group. */
export function sparkline(counts: readonly number[], width = 24): string {
  if (counts.length === 0) return '';
  const groups = Math.min(width, counts.length);
  const sums = Array.from({ length: groups }, (_, g) => {
    let s = 0;
    for (let i = Math.floor((g * counts.length) / groups); i < Math.floor(((g + 1) * counts.length) / groups); i++) s += counts[i]!;
    return s;
  });
  const top = Math.max(...sums);
  // A non-empty group never draws as blank: a rare value is still a value.
  return sums.map((s) => (s === 0 || top === 0 ? BARS[0] : BARS[Math.max(1, Math.round((s / top) * (BARS.length - 1)))])).join('');
}

/** A number as NumPy would print it in this column's dtype (min/max), or with 6 significant digits (mean/std). */
function cell(v: number | string | undefined, dtype?: string): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (dtype) return formatValue(v, dtype);
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : formatValue(v, '<f8');
}

export function formatStatsTable(stats: readonly ColumnStats[], seconds: number): string {
  const rows = stats.map((s) => {
    const numeric = s.histogram !== undefined;
    const top = s.top?.slice(0, 3).map((t) => `${t.value} (${groupDigits(t.count)})`).join(', ') ?? '';
    return [
      s.name,
      groupDigits(s.count),
      groupDigits(s.missing),
      cell(s.min, numeric ? s.dtype : undefined),
      cell(s.max, numeric ? s.dtype : undefined),
      cell(s.mean),
      cell(s.std),
      s.distinct ? `${s.distinct.exact ? '' : '≈'}${groupDigits(s.distinct.value)}` : '',
      numeric ? sparkline(s.histogram!.counts) : top,
    ];
  });
  const header = ['column', 'count', 'missing', 'min', 'max', 'mean', 'std', 'distinct', 'histogram / top values'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...r[i]!].length)));
  const lines = all.map((r) => '  ' + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
  return `statistics (${seconds.toFixed(2)} s)\n${lines.join('\n')}\n`;
}
