// Parses a user's column-type spec for a table: NumPy's structured list, a compact `name:type` list or bare types.

import { parseDType, type ParsedDType } from './dtype.js';

/** One column of a spec; `name` is null for positional (unnamed) entries. */
export interface DTypeSpecField {
  readonly name: string | null;
  readonly dtype: ParsedDType;
}

/**
 * A parsed spec. Accepted forms:
 * - NumPy: `[('chr','S10'),('pos','<i4')]` (single or double quotes);
 * - compact: `chr:S10,pos:i4`;
 * - positional: `S10,i4,f8` (names then come from the file's header, else f0, f1, … as NumPy names them);
 * - one bare type such as `f8` (`homogeneous`: every column gets it, like `np.loadtxt(dtype=float)`).
 * Named and unnamed entries cannot be mixed.
 */
export interface DTypeSpec {
  readonly fields: readonly DTypeSpecField[];
  readonly homogeneous: boolean;
}

export class DTypeSpecError extends Error {
  constructor(message: string) {
    super(`dtype spec: ${message}`);
    this.name = 'DTypeSpecError';
  }
}

export function parseDTypeSpec(text: string): DTypeSpec {
  const s = text.trim();
  if (s === '') throw new DTypeSpecError('is empty');
  const pairs = s.startsWith('[') ? parseNumpyList(s) : parseCompact(s);
  const fields = pairs.map(([name, type]) => ({ name, dtype: toDType(type, name) }));
  const named = fields.filter((f) => f.name !== null).length;
  if (named !== 0 && named !== fields.length) throw new DTypeSpecError('either every column has a name or none has');
  const seen = new Set<string>();
  for (const f of fields) {
    if (f.name === null) continue;
    if (seen.has(f.name)) throw new DTypeSpecError(`column name '${f.name}' appears twice`);
    seen.add(f.name);
  }
  return { fields, homogeneous: fields.length === 1 && named === 0 };
}

function toDType(type: string, name: string | null): ParsedDType {
  const where = name === null ? `'${type}'` : `'${type}' (column '${name}')`;
  let d: ParsedDType;
  try {
    d = parseDType(type);
  } catch (e) {
    throw new DTypeSpecError(`${(e as Error).message} in ${where}`);
  }
  // Text columns are parsed in JS; float16 and complex have no text form we can reproduce exactly.
  if (d.kind === 'c') throw new DTypeSpecError(`complex types are not supported for text columns: ${where}`);
  if (d.kind === 'f' && d.itemSize === 2) throw new DTypeSpecError(`float16 is not supported for text columns: ${where}`);
  if (d.byteOrder === '>') throw new DTypeSpecError(`big-endian types are not supported for text columns: ${where}`);
  return d;
}

function parseCompact(s: string): Array<[string | null, string]> {
  return s.split(',').map((part, i) => {
    const p = part.trim();
    if (p === '') throw new DTypeSpecError(`entry ${i + 1} is empty in '${s}'`);
    const colon = p.lastIndexOf(':');
    if (colon < 0) return [null, p];
    const name = p.slice(0, colon).trim();
    if (name === '') throw new DTypeSpecError(`entry ${i + 1} ('${p}') has an empty name`);
    return [name, p.slice(colon + 1).trim()];
  });
}

/** A tiny recursive-descent reader for `[('name','type'), …]`; positions in errors are 1-based characters. */
function parseNumpyList(s: string): Array<[string | null, string]> {
  let i = 0;
  const fail = (what: string): never => {
    throw new DTypeSpecError(`expected ${what} at character ${i + 1} of '${s}'`);
  };
  const ws = (): void => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const eat = (ch: string): boolean => {
    ws();
    if (s[i] === ch) {
      i++;
      return true;
    }
    return false;
  };
  const str = (): string => {
    ws();
    const q = s[i];
    if (q !== "'" && q !== '"') fail('a quoted string');
    const end = s.indexOf(q!, i + 1);
    if (end < 0) fail(`a closing ${q}`);
    const v = s.slice(i + 1, end);
    i = end + 1;
    return v;
  };
  const out: Array<[string | null, string]> = [];
  if (!eat('[')) fail("'['");
  if (eat(']')) throw new DTypeSpecError('has no columns');
  for (;;) {
    if (!eat('(')) fail("'('");
    const name = str();
    if (name.trim() === '') throw new DTypeSpecError(`column ${out.length + 1} has an empty name`);
    if (!eat(',')) fail("','");
    const type = str();
    if (eat(',')) throw new DTypeSpecError(`sub-array shapes are not supported (column '${name}')`);
    if (!eat(')')) fail("')'");
    out.push([name, type]);
    if (eat(']')) break;
    if (!eat(',')) fail("',' or ']'");
    if (eat(']')) break;
  }
  ws();
  if (i !== s.length) fail('the end');
  return out;
}
