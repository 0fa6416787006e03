// Generates seed-format tables (chr pos pct c t) with tricky values for tests, deterministic from a seed.

const TRICKY_PCT = ['1e-5', '2.5E+3', '-0', '0.1000000000000000055511151231257827', '66.67', '100', '0.0', '-12.5e-3', '.5', '5.', '1.7976931348623157e308', '4.9e-324'];

/** Lines (without line ends) of a seed table; `missing` puts NA/empty into the `t` column. */
export function seedLines(rows: number, seed: number, opts: { missing?: boolean; bigC?: boolean } = {}): string[] {
  let s = seed;
  const rnd = (n: number): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
  const lines: string[] = [];
  let pos = 10000;
  for (let i = 0; i < rows; i++) {
    pos += 1 + rnd(50);
    const c = rnd(61);
    const t = rnd(61);
    const pct = i % 7 === 3 ? TRICKY_PCT[rnd(TRICKY_PCT.length)]! : c + t === 0 ? '0.00' : ((100 * c) / (c + t)).toFixed(2);
    const chr = i < rows / 2 ? 'chr1' : 'chrX';
    const p = i === 5 ? '2147483647' : i === 6 ? '-2147483648' : String(pos);
    const cc = opts.bigC && i === rows - 3 ? '3000000000' : String(c);
    const tt = opts.missing && i % 11 === 9 ? (i % 2 ? 'NA' : '') : String(t);
    lines.push(`${chr}\t${p}\t${pct}\t${cc}\t${tt}`);
  }
  return lines;
}
