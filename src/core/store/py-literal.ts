// The subset of Python literal syntax that NPY header dicts use (ast.literal_eval of str, int, bool, None, tuple, list, dict).

export type PyValue =
  | string
  | number
  | boolean
  | null
  | PyValue[]
  | { readonly tuple: true; readonly items: PyValue[] }
  | Map<string, PyValue>;

/** Parses one literal; throws with the offset on anything outside the subset. */
export function parsePyLiteral(text: string): PyValue {
  const p = new Parser(text);
  const v = p.value();
  p.skip();
  if (p.pos !== text.length) p.fail('trailing text');
  return v;
}

class Parser {
  pos = 0;
  constructor(private readonly s: string) {}

  fail(what: string): never {
    throw new Error(`python literal: ${what} at offset ${this.pos} of ${JSON.stringify(this.s.slice(0, 120))}`);
  }

  skip(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos]!)) this.pos++;
  }

  value(): PyValue {
    this.skip();
    const c = this.s[this.pos];
    if (c === '{') return this.dict();
    if (c === '(') return this.sequence('(', ')');
    if (c === '[') return this.sequence('[', ']');
    if (c === "'" || c === '"') return this.string();
    const word = /^(True|False|None|[-+]?\d+L?)/.exec(this.s.slice(this.pos));
    if (!word) this.fail('unexpected character');
    this.pos += word[0].length;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    if (word[0] === 'None') return null;
    return Number(word[0].replace('L', ''));
  }

  string(): string {
    const q = this.s[this.pos++]!;
    let out = '';
    while (this.pos < this.s.length && this.s[this.pos] !== q) {
      let c = this.s[this.pos++]!;
      if (c === '\\') {
        const e = this.s[this.pos++];
        c = e === 'n' ? '\n' : e === 't' ? '\t' : e === '0' ? '\0' : (e ?? '');
      }
      out += c;
    }
    if (this.s[this.pos] !== q) this.fail('unterminated string');
    this.pos++;
    return out;
  }

  sequence(open: string, close: string): PyValue {
    this.pos++;
    const items: PyValue[] = [];
    let sawComma = false;
    for (;;) {
      this.skip();
      if (this.s[this.pos] === close) break;
      items.push(this.value());
      this.skip();
      if (this.s[this.pos] === ',') {
        sawComma = true;
        this.pos++;
      } else if (this.s[this.pos] !== close) this.fail(`expected ',' or '${close}'`);
    }
    this.pos++;
    if (open === '[') return items;
    if (items.length === 1 && !sawComma) return items[0]!;
    return { tuple: true, items };
  }

  dict(): Map<string, PyValue> {
    this.pos++;
    const out = new Map<string, PyValue>();
    for (;;) {
      this.skip();
      if (this.s[this.pos] === '}') break;
      const key = this.value();
      if (typeof key !== 'string') this.fail('dict keys must be strings');
      this.skip();
      if (this.s[this.pos] !== ':') this.fail("expected ':'");
      this.pos++;
      out.set(key, this.value());
      this.skip();
      if (this.s[this.pos] === ',') this.pos++;
      else if (this.s[this.pos] !== '}') this.fail("expected ',' or '}'");
    }
    this.pos++;
    return out;
  }
}
