// NumPy dtype strings ('<i4', '|S10', …) as the one vocabulary for column types everywhere.

/** Kind letters as NumPy uses them: b bool, i signed, u unsigned, f float, c complex, S bytes, U unicode. */
export type DTypeKind = 'b' | 'i' | 'u' | 'f' | 'c' | 'S' | 'U';

export interface ParsedDType {
  /** Canonical NumPy string, e.g. '<f8', '|S10', '|b1'. */
  readonly descr: string;
  readonly kind: DTypeKind;
  /** Bytes per element (for 'U', 4 × characters). */
  readonly itemSize: number;
  /** '<' little, '>' big, '|' not applicable. */
  readonly byteOrder: '<' | '>' | '|';
}

const NUMERIC_SIZES: Record<string, readonly number[]> = {
  b: [1],
  i: [1, 2, 4, 8],
  u: [1, 2, 4, 8],
  f: [2, 4, 8],
  c: [8, 16],
};

/** Parses a NumPy dtype string such as '<i4', 'i4', '>f8', '|S10', 'S10', '<U26', '?' or 'bool'. Throws on anything else. */
export function parseDType(text: string): ParsedDType {
  const s = text.trim();
  const alias = ALIASES[s];
  if (alias) return parseDType(alias);
  const m = /^([<>|=]?)([biufcSU])(\d+)$/.exec(s);
  if (!m) throw new Error(`unknown dtype '${text}'`);
  const order = m[1] === '=' || m[1] === '' ? '<' : (m[1] as '<' | '>' | '|');
  const kind = m[2] as DTypeKind;
  const n = Number(m[3]);
  if (kind === 'S' || kind === 'U') {
    if (n < 1) throw new Error(`dtype '${text}' needs a width of at least 1`);
    const itemSize = kind === 'U' ? 4 * n : n;
    const byteOrder = kind === 'S' ? '|' : order === '|' ? '<' : order;
    return { descr: `${byteOrder}${kind}${n}`, kind, itemSize, byteOrder };
  }
  if (!NUMERIC_SIZES[kind]!.includes(n)) throw new Error(`dtype '${text}' has no ${n}-byte ${KIND_NAMES[kind]}`);
  const byteOrder = n === 1 ? '|' : order === '|' ? '<' : order;
  return { descr: `${byteOrder}${kind}${n}`, kind, itemSize: n, byteOrder };
}

const KIND_NAMES: Record<DTypeKind, string> = {
  b: 'bool', i: 'integer', u: 'unsigned integer', f: 'float', c: 'complex', S: 'bytes', U: 'unicode',
};

const ALIASES: Record<string, string> = {
  '?': '|b1', bool: '|b1', b1: '|b1',
  int8: '|i1', int16: '<i2', int32: '<i4', int64: '<i8',
  uint8: '|u1', uint16: '<u2', uint32: '<u4', uint64: '<u8',
  float16: '<f2', float32: '<f4', float64: '<f8', double: '<f8', float: '<f8', int: '<i8',
  complex64: '<c8', complex128: '<c16',
  b: '|i1', B: '|u1', h: '<i2', H: '<u2', l: '<i8', L: '<u8', q: '<i8', Q: '<u8',
  e: '<f2', d: '<f8', F: '<c8', D: '<c16',
};

/** Integer range of an integer dtype, as bigints (exact for 64-bit types). */
export function integerRange(d: ParsedDType): { min: bigint; max: bigint } {
  const bits = BigInt(d.itemSize * 8);
  if (d.kind === 'u') return { min: 0n, max: (1n << bits) - 1n };
  if (d.kind === 'i') return { min: -(1n << (bits - 1n)), max: (1n << (bits - 1n)) - 1n };
  throw new Error(`${d.descr} is not an integer dtype`);
}

/** A short human name: 'int32', 'float64', 'bytes10', 'bool'. */
export function dtypeLabel(descr: string): string {
  const d = parseDType(descr);
  switch (d.kind) {
    case 'b': return 'bool';
    case 'i': return `int${d.itemSize * 8}`;
    case 'u': return `uint${d.itemSize * 8}`;
    case 'f': return `float${d.itemSize * 8}`;
    case 'c': return `complex${d.itemSize * 8}`;
    case 'S': return `bytes${d.itemSize}`;
    case 'U': return `str${d.itemSize / 4}`;
  }
}
