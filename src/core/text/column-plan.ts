// From the first block: is the first record a header, what are the columns called, and a first guess at their types.

import type { DTypeSpec } from '../../shared/dtype-spec.js';
import { LoadError } from '../load-error.js';
import { K_BOOL, K_F32, K_F64, K_I32, K_I64, K_INT, K_NONE, K_U64 } from './column-kinds.js';
import { ColumnSlot, kindOfSpec } from './column-slot.js';
import { BIG_INT, FALSE, FLOAT, FieldScanner, INT, TEXT, TRUE } from './field-scan.js';
import { RowParser } from './row-parser.js';
import { TextErrors, fieldBytes } from './text-errors.js';
import { fieldCounts, findNul } from './dialect.js';
import { ESCAPED, Tokenizer } from './tokenizer.js';

/** Records the first guess looks at; later values still widen the types. */
export const SAMPLE_ROWS = 2000;

export interface ColumnPlan {
  readonly header: boolean;
  readonly slots: ColumnSlot[];
  /** Lines before the first data row. */
  readonly skippedLines: number;
}

export interface PlanInput {
  readonly buf: Uint8Array;
  readonly start: number;
  readonly end: number;
  readonly final: boolean;
  readonly delimiter: ConstructorParameters<typeof Tokenizer>[0];
  readonly file: string;
  readonly spec: DTypeSpec | null;
  readonly header: boolean | undefined;
}

/** Null when the input holds no record at all. */
export function planColumns(p: PlanInput): ColumnPlan | null {
  const tok = new Tokenizer(p.delimiter);
  tok.setBuffer(p.buf, p.start, p.end, p.final);
  const nf = tok.nextRecord();
  if (nf < 0) return null;
  const firstLine = tok.recordLine;
  const scanner = new FieldScanner();
  const firstClasses: number[] = [];
  const rawNames: Uint8Array[] = [];
  for (let c = 0; c < nf; c++) {
    firstClasses.push(tok.flags[c] === ESCAPED ? TEXT : scanner.classify(tok.buf, tok.starts[c]!, tok.ends[c]!));
    rawNames.push(fieldBytes(tok, c).slice());
  }
  const nul = findNul(p.buf, p.start, p.end);
  if (nul >= 0) {
    tok.recordLineStart = p.start;
    tok.recordLine = 1;
    throw new TextErrors(p.file, tok).at(nul, 'NUL byte: this is not a text file', '\\0');
  }
  const usual = fieldCounts(p.buf, p.start, p.end, p.final, p.delimiter);
  if (usual.mode !== nf && usual.freq > 1) throw new TextErrors(p.file, tok).fieldCount(nf, usual.mode);
  if (p.spec && !p.spec.homogeneous && p.spec.fields.length !== nf) {
    throw new LoadError({ file: p.file, line: firstLine, column: 1, message: `the dtype spec has ${p.spec.fields.length} columns, the file has ${nf}` });
  }
  const below = sampleKinds(tok, nf, p.file);
  const specKinds = p.spec ? Array.from({ length: nf }, (_, c) => kindOfSpec(specField(p.spec!, c).dtype)) : null;
  const header = p.header ?? (below.rows > 0 && looksLikeHeader(firstClasses, specKinds ?? below.slots.map((s) => s.kind)));
  const names = header ? genfromtxtNames(decodeNames(rawNames)) : null;
  let slots: ColumnSlot[];
  if (p.spec) {
    slots = Array.from({ length: nf }, (_, c) => {
      const f = specField(p.spec!, c);
      return new ColumnSlot(f.name ?? names?.[c] ?? `f${c}`, kindOfSpec(f.dtype), `${f.dtype.descr}: from the dtype spec`, f.dtype);
    });
  } else {
    const guess = header ? below : (() => {
      const again = new Tokenizer(p.delimiter);
      again.setBuffer(p.buf, p.start, p.end, p.final);
      return sampleKinds(again, nf, p.file);
    })();
    slots = guess.slots.map((s, c) => {
      s.name = names?.[c] ?? `f${c}`;
      if (s.kind === K_NONE) {
        s.kind = K_F64;
        s.reason = `float64: no value in the first ${guess.rows} rows (all missing)`;
      }
      return s;
    });
  }
  const skippedLines = (header ? below.secondLine : firstLine) - 1;
  return { header, slots, skippedLines: Math.max(0, skippedLines) };
}

function specField(spec: DTypeSpec, c: number): DTypeSpec['fields'][number] {
  return spec.homogeneous ? spec.fields[0]! : spec.fields[c]!;
}

/** Kinds of up to SAMPLE_ROWS records from where `tok` stands. */
function sampleKinds(tok: Tokenizer, nf: number, file: string): { slots: ColumnSlot[]; rows: number; secondLine: number } {
  const slots = Array.from({ length: nf }, (_, c) => new ColumnSlot(`f${c}`, K_NONE, 'int32: every value is an integer in int32 range', null));
  const parser = new RowParser(tok, slots, null, file, 0);
  let rows = 0;
  let secondLine = tok.line;
  while (rows < SAMPLE_ROWS) {
    const n = tok.nextRecord();
    if (n < 0) break;
    if (rows === 0) secondLine = tok.recordLine;
    parser.scanRecord(n);
    rows++;
  }
  return { slots, rows, secondLine };
}

const NUMERIC = new Set([K_I32, K_I64, K_F64, K_F32, K_INT, K_U64]);
const isNumber = (cls: number): boolean => cls === INT || cls === BIG_INT || cls === FLOAT;

/** A header has no number over numeric data, or a field whose kind differs from its column below. */
function looksLikeHeader(first: number[], kinds: number[]): boolean {
  if (!first.some(isNumber) && kinds.some((k) => NUMERIC.has(k))) return true;
  return first.some((cls, c) => {
    const k = kinds[c]!;
    if (NUMERIC.has(k)) return cls === TEXT || cls === TRUE || cls === FALSE;
    if (k === K_BOOL) return cls === TEXT || isNumber(cls);
    return false;
  });
}

function decodeNames(raw: Uint8Array[]): string[] {
  try {
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    return raw.map((b) => utf8.decode(b));
  } catch {
    const latin1 = new TextDecoder('latin1');
    return raw.map((b) => latin1.decode(b));
  }
}

/** Trimmed, empty names filled as f0, f1, …, duplicates suffixed _1, _2, … as numpy.genfromtxt's NameValidator does. */
export function genfromtxtNames(names: string[]): string[] {
  const out: string[] = [];
  const seen = new Map<string, number>();
  const taken = new Set<string>();
  let empty = 0;
  for (const n of names) {
    let item = n.trim();
    if (item === '') {
      while (names.includes(`f${empty}`) || taken.has(`f${empty}`)) empty++;
      item = `f${empty++}`;
    }
    let cnt = seen.get(item) ?? 0;
    seen.set(item, cnt + 1);
    let name = cnt > 0 ? `${item}_${cnt}` : item;
    while (taken.has(name)) name = `${item}_${++cnt}`;
    taken.add(name);
    out.push(name);
  }
  return out;
}
