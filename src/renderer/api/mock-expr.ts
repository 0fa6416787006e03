// The mock host's small filter-expression compiler (a test double of the host's engine): and/or/not, comparisons, + - * / %, isnan, abs.

/** A column as the expression sees it: numbers (NaN allowed) or strings. */
export type ExprColumn = { readonly kind: 'number'; readonly values: ArrayLike<number> } | { readonly kind: 'string'; readonly values: readonly string[] };

type Kind = 'number' | 'string' | 'bool';
type Value = number | string | boolean;
interface Node {
  readonly kind: Kind;
  readonly at: number;
  readonly eval: (row: number) => Value;
}

interface Token {
  readonly type: 'num' | 'str' | 'id' | 'op' | 'end';
  readonly text: string;
  /** 1-based column in the expression. */
  readonly at: number;
  readonly value?: number | string;
}

/** A one-line error pointing at a column of the expression, like the host's FilterError. */
export class MockFilterError extends Error {}

function fail(message: string, at: number, detail?: string): never {
  throw new MockFilterError(`${message} at column ${at}${detail ? ` (${detail})` : ''}`);
}

const OPS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '!', '&', '|', '~'];

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    const at = i + 1;
    const num = /^(\d+\.?\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?)/i.exec(text.slice(i));
    if (num) {
      out.push({ type: 'num', text: num[0], at, value: Number(num[0]) });
      i += num[0].length;
    } else if (ch === '"' || ch === "'") {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) fail('unterminated string', at);
      out.push({ type: 'str', text: text.slice(i, end + 1), at, value: text.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      const id = /^[A-Za-z_]\w*/.exec(text.slice(i))![0];
      out.push({ type: 'id', text: id, at });
      i += id.length;
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (!op) fail(`unexpected '${ch}'`, at);
      out.push({ type: 'op', text: op!, at });
      i += op!.length;
    }
  }
  out.push({ type: 'end', text: '', at: text.length + 1 });
  return out;
}

const ALIASES: Record<string, string> = { '&&': 'and', '&': 'and', '||': 'or', '|': 'or', '!': 'not', '~': 'not' };
const FUNCTIONS = ['isnan', 'abs'];

/** Compiles `text` over `columns` into a row predicate; throws MockFilterError with a one-line message. */
export function compileFilter(text: string, columns: ReadonlyMap<string, ExprColumn>): (row: number) => boolean {
  const tokens = tokenize(text);
  let p = 0;
  const peek = () => tokens[p]!;
  const word = (t: Token) => (t.type === 'op' ? ALIASES[t.text] ?? t.text : t.type === 'id' ? t.text.toLowerCase() : '');
  const accept = (...words: string[]) => (words.includes(word(peek())) ? tokens[p++]! : null);
  const describe = (t: Token) => (t.type === 'end' ? 'end of expression' : `'${t.text}'`);
  const names = [...columns.keys()].join(', ');

  const need = (n: Node, kind: Kind, what: string): Node => (n.kind === kind ? n : fail(`${what} needs ${kind === 'bool' ? 'a condition' : `a ${kind}`}, not a ${n.kind === 'bool' ? 'condition' : n.kind}`, n.at));

  function atom(): Node {
    const t = tokens[p++]!;
    if (t.type === 'num') return { kind: 'number', at: t.at, eval: () => t.value as number };
    if (t.type === 'str') return { kind: 'string', at: t.at, eval: () => t.value as string };
    if (t.type === 'op' && t.text === '(') {
      const inner = or();
      if (!accept(')')) fail(`expected ')' but found ${describe(peek())}`, peek().at);
      return inner;
    }
    if (t.type === 'id') {
      const lower = t.text.toLowerCase();
      if (lower === 'true' || lower === 'false') return { kind: 'bool', at: t.at, eval: () => lower === 'true' };
      if (lower === 'nan') return { kind: 'number', at: t.at, eval: () => NaN };
      if (peek().text === '(') {
        if (!FUNCTIONS.includes(lower)) fail(`unknown function '${t.text}'`, t.at, `functions: ${FUNCTIONS.join(', ')}`);
        p++;
        const arg = need(or(), 'number', `${lower}()`);
        if (!accept(')')) fail(`expected ')' but found ${describe(peek())}`, peek().at);
        return lower === 'isnan'
          ? { kind: 'bool', at: t.at, eval: (r) => Number.isNaN(arg.eval(r)) }
          : { kind: 'number', at: t.at, eval: (r) => Math.abs(arg.eval(r) as number) };
      }
      const col = columns.get(t.text);
      if (!col) return fail(`unknown column '${t.text}'`, t.at, `columns: ${names}`);
      const values = col.values;
      return { kind: col.kind, at: t.at, eval: (r) => values[r]! };
    }
    return fail(`unexpected ${describe(t)}`, t.at);
  }

  function unary(): Node {
    const minus = accept('-');
    if (!minus) return atom();
    const n = need(unary(), 'number', "'-'");
    return { kind: 'number', at: minus.at, eval: (r) => -(n.eval(r) as number) };
  }

  function arithmetic(next: () => Node, ops: readonly string[]): () => Node {
    return () => {
      let left = next();
      for (let op = accept(...ops); op; op = accept(...ops)) {
        const a = need(left, 'number', `'${op.text}'`);
        const b = need(next(), 'number', `'${op.text}'`);
        const f = op.text;
        left = {
          kind: 'number', at: a.at,
          eval: (r) => {
            const x = a.eval(r) as number;
            const y = b.eval(r) as number;
            return f === '+' ? x + y : f === '-' ? x - y : f === '*' ? x * y : f === '/' ? x / y : x % y;
          },
        };
      }
      return left;
    };
  }
  const product = arithmetic(unary, ['*', '/', '%']);
  const sum = arithmetic(product, ['+', '-']);

  function comparison(): Node {
    const left = sum();
    const op = accept('==', '!=', '<', '<=', '>', '>=');
    if (!op) return left;
    const right = sum();
    if (left.kind !== right.kind || left.kind === 'bool') {
      fail(`cannot compare a ${left.kind === 'bool' ? 'condition' : left.kind} with a ${right.kind === 'bool' ? 'condition' : right.kind}`, op.at);
    }
    const f = op.text;
    // Like NumPy: any comparison with NaN is false, except != which is true.
    return {
      kind: 'bool', at: left.at,
      eval: (r) => {
        const a = left.eval(r);
        const b = right.eval(r);
        return f === '==' ? a === b : f === '!=' ? a !== b : f === '<' ? a < b : f === '<=' ? a <= b : f === '>' ? a > b : a >= b;
      },
    };
  }

  function not(): Node {
    const t = accept('not');
    if (!t) return comparison();
    const n = need(not(), 'bool', "'not'");
    return { kind: 'bool', at: t.at, eval: (r) => !n.eval(r) };
  }

  function logical(next: () => Node, w: string): () => Node {
    return () => {
      let left = next();
      for (let op = accept(w); op; op = accept(w)) {
        const a = need(left, 'bool', `'${w}'`);
        const b = need(next(), 'bool', `'${w}'`);
        left = { kind: 'bool', at: a.at, eval: w === 'and' ? (r) => (a.eval(r) as boolean) && (b.eval(r) as boolean) : (r) => (a.eval(r) as boolean) || (b.eval(r) as boolean) };
      }
      return left;
    };
  }
  const and = logical(not, 'and');
  const or = logical(and, 'or');

  if (peek().type === 'end') fail('empty expression', 1);
  const root = or();
  if (peek().type !== 'end') fail(`unexpected ${describe(peek())}`, peek().at);
  if (root.kind !== 'bool') fail(`the filter must be a condition (a comparison, isnan(…), and/or/not), not a ${root.kind}`, root.at);
  return (row) => root.eval(row) as boolean;
}
