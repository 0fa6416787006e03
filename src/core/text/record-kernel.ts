// FastRows' record loop compiled for one column plan: straight-line code per column kind, each column's arrays in locals.

import { K_F32, K_F64, K_I32, K_I64, K_INT, K_STR, K_U64 } from './column-kinds.js';
import type { ColumnSlot } from './column-slot.js';
import { EXACT_LIMIT, POW10, latin1 } from './field-scan.js';
import type { Tokenizer } from './tokenizer.js';

/*
 * Why generated code: the same loop written once for every plan (FastRows.genericRecords) looks up each field's
 * slot, its kind and its arrays on every value. On the seed file (str, i32, f32, i32, i32) it spent ~1.0 s of
 * a 257 MB load in that loop; the loop written for that plan alone took ~0.38 s. This file writes that loop for
 * whatever plan a load has (kinds only: no names or data of the file reach the source text), and FastRows
 * keeps the generic loop for wide tables, whose straight-line code would be too long for V8 to optimize.
 * The semantics are the generic loop's, line for line: a record the kernel cannot store ends the call before
 * the record is counted, and the general path (Tokenizer + RowParser) reads it.
 */

/** What a kernel needs besides the tokenizer and the slots: FastRows' byte tables and its rare-field-end reader. */
export interface KernelTables {
  /** 1 for bytes that end a string field. */
  readonly stop: Uint8Array;
  /** 1 for blanks a number may be padded with (comma-like delimiters only). */
  readonly pad: Uint8Array;
  /** 1 for bytes that may start a line the fast path leaves alone or must skip. */
  readonly lead: Uint8Array;
  /** FastRows.fieldEnd: where the next field starts after an unusual end, or -1. */
  readonly fieldEnd: (buf: Uint8Array, i: number, lastField: boolean, numeric: boolean) => number;
}

/** Stores up to `room` records starting before `last` into rows r0…; returns how many (tok.pos follows). */
export type RecordKernel = (tok: Tokenizer, slots: readonly ColumnSlot[], r0: number, room: number, last: number, t: KernelTables) => number;

/**
 * Plans wider than this use the generic loop: the generated function grows with every column, and past this V8
 * optimizes it less well. Measured on 74 MB CSVs of ints and 3-decimal floats (best of 5 loads): 12 columns
 * 0.16–0.18 s against the generic loop's 0.19–0.23 s, 24 columns 0.15–0.16 s against 0.23 s, 32 columns
 * 0.24–0.27 s against 0.22 s, and 96 columns 2.5 s against 0.27 s.
 */
export const MAX_KERNEL_COLUMNS = 24;

const cache = new Map<string, RecordKernel | null>();
/** Distinct plans kept compiled; a loader that has seen more starts over (each is a few KB of code). */
const MAX_CACHED = 64;
let enabled = true;

/** Tests turn kernels off to run the generic loop on the same input and compare. */
export function useRecordKernels(on: boolean): void {
  enabled = on;
}

/**
 * The kernel for `kinds` (one per column) and the delimiter (a byte, or -1 for whitespace runs); null when the
 * plan has a kind the fast path never stores (bool, not yet typed) or when code cannot be generated here.
 */
export function recordKernel(kinds: readonly number[], delimiter: number): RecordKernel | null {
  if (!enabled) return null;
  const key = `${kinds.join(',')}/${delimiter}`;
  let kernel = cache.get(key);
  if (kernel === undefined) {
    kernel = compile(kinds, delimiter);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, kernel);
  }
  return kernel;
}

const STORED = new Set([K_STR, K_F64, K_F32, K_I32, K_INT, K_I64, K_U64]);

function compile(kinds: readonly number[], delimiter: number): RecordKernel | null {
  if (kinds.length === 0 || kinds.length > MAX_KERNEL_COLUMNS || !kinds.every((k) => STORED.has(k))) return null;
  try {
    // The source is built from the kinds and the delimiter byte alone (small integers), never from file data.
    return new Function('EXACT', 'POW10', 'latin1', `return ${source(kinds, delimiter)}`)(EXACT_LIMIT, POW10, latin1) as RecordKernel;
  } catch (e) {
    // A runtime that forbids code from strings (EvalError) keeps the generic loop; anything else is a bug here.
    if (e instanceof EvalError) return null;
    throw e;
  }
}

/** The kernel's source: a function expression. */
function source(kinds: readonly number[], delimiter: number): string {
  const ws = delimiter < 0;
  const last = kinds.length - 1;
  const setup: string[] = [];
  const save: string[] = [];
  const body: string[] = [];
  kinds.forEach((kind, c) => {
    setup.push(`const slot${c} = slots[${c}];`);
    if (kind === K_STR) {
      setup.push(`const out${c} = slot${c}.bytes, offs${c} = slot${c}.offsets, width${c} = slot${c}.width;`, `let used${c} = slot${c}.used, widest${c} = slot${c}.maxWidth;`);
      save.push(`slot${c}.used = used${c};`, `slot${c}.maxWidth = widest${c};`);
      body.push(stringField(c));
    } else {
      const array = kind === K_F64 ? 'f64' : kind === K_F32 ? 'f32' : kind === K_I32 ? 'i32' : kind === K_INT ? 'small' : 'words';
      setup.push(`const a${c} = slot${c}.${array};`);
      if (kind === K_INT) setup.push(`const lo${c} = slot${c}.min, hi${c} = slot${c}.max;`);
      body.push(numberField(c, kind));
    }
    body.push(fieldEnd(c, c === last, kind !== K_STR, ws, delimiter));
  });
  return `function records(tok, slots, r0, room, last, t) {
  "use strict";
  const buf = tok.buf, stop = t.stop, pad = t.pad, lead = t.lead;
  ${setup.join('\n  ')}
  let i = tok.pos, r = r0, b = 0, d = 0, m = 0, s = 0, s0 = 0, sign = 1, v = 0;
  const rEnd = r0 + room;
  rows: for (; r < rEnd && i < last; r++) {
    b = buf[i];
    if (lead[b] === 1) {
      // Blank and comment lines are the general path's; whitespace-separated records may start with blanks.
      let j = i;
      while (buf[j] === 32 || buf[j] === 9) j++;
      b = buf[j];
      if (b === 10 || b === 13 || b === 35) break rows;
      ${ws ? 'i = j;' : ''}
    }
    ${body.join('\n    ')}
    tok.pos = i;
  }
  ${save.join('\n  ')}
  return r - r0;
}`;
}

/** A string field copied while it is scanned; a value longer than the room left or the spec's width ends the call. */
function stringField(c: number): string {
  return `// column ${c}: bytes
    s = i;
    if (buf[i] === 34) break rows;
    {
      const room = out${c}.length - used${c};
      b = buf[i];
      while (stop[b] === 0) {
        if (i - s < room) out${c}[used${c} + i - s] = b;
        b = buf[++i];
      }
      const len = i - s;
      if (len > room || (width${c} > 0 && len > width${c})) break rows;
      used${c} += len;
      offs${c}[r + 1] = used${c};
      widest${c} = len > widest${c} ? len : widest${c};
    }`;
}

/** A number parsed from its bytes: digits into m, then the kind's checks and store (see FastRows.genericRecords). */
function numberField(c: number, kind: number): string {
  const digits = `b = buf[i];
    if (b <= 32) {
      while (pad[buf[i]] === 1) i++;
      b = buf[i];
    }
    s = i;
    sign = b === 45 ? -1 : 1;
    if (b === 45 || b === 43) b = buf[++i];
    s0 = i;
    m = 0;
    d = b - 48;
    while (d >>> 0 < 10) {
      m = m * 10 + d;
      d = buf[++i] - 48;
    }`;
  if (kind === K_F64 || kind === K_F32) {
    return `// column ${c}: ${kind === K_F64 ? 'float64' : 'float32'}
    ${digits}
    {
      let e10 = 0, dot = 0;
      if (d === -2) {
        dot = 1;
        const f0 = ++i;
        d = buf[i] - 48;
        while (d >>> 0 < 10) {
          m = m * 10 + d;
          d = buf[++i] - 48;
        }
        e10 = f0 - i;
      }
      if (i - s0 === dot) break rows;
      if ((d | 32) === 53) {
        b = buf[++i];
        const eneg = b === 45;
        if (eneg || b === 43) b = buf[++i];
        let exp = 0;
        d = b - 48;
        if (d >>> 0 >= 10) break rows;
        while (d >>> 0 < 10) {
          if (exp < 100000) exp = exp * 10 + d;
          d = buf[++i] - 48;
        }
        e10 += eneg ? -exp : exp;
      }
      // m and 10^|e10| are exact doubles, so one IEEE multiply or divide is the correctly rounded value.
      if (m < EXACT && e10 >= -22 && e10 <= 22) v = (e10 < 0 ? m / POW10[-e10] : m * POW10[e10]) * sign;
      else v = Number(latin1.decode(buf.subarray(s, i)));
      a${c}[r] = v;
    }`;
  }
  const store =
    kind === K_I32 ? `if (v < -2147483648 || v > 2147483647) break rows;\n    a${c}[r] = v;`
    : kind === K_INT ? `if (v < lo${c} || v > hi${c}) break rows;\n    a${c}[r] = v;`
    : `${kind === K_U64 ? 'if (v < 0) break rows;\n    ' : ''}{
      const hi = Math.floor(v / 4294967296);
      a${c}[2 * r] = v - hi * 4294967296;
      a${c}[2 * r + 1] = hi;
    }`;
  return `// column ${c}: integer
    ${digits}
    // At most 15 digits: exact, and longer spellings keep the general path's typing.
    if (i === s0 || i - s0 > 15) break rows;
    v = m * sign;
    ${store}`;
}

/** After a field: the usual delimiter (or LF after the last field) inline, anything else through t.fieldEnd. */
function fieldEnd(c: number, lastField: boolean, numeric: boolean, ws: boolean, delimiter: number): string {
  const rare = `{
      i = t.fieldEnd(buf, i, ${lastField}, ${numeric});
      if (i < 0) break rows;
    }`;
  if (lastField) return `if (buf[i] === 10) i++;\n    else ${rare}`;
  if (!ws) return `if (buf[i] === ${delimiter}) i++;\n    else ${rare}`;
  // Whitespace runs: FastRows.fieldEnd's rule inline (no padding table applies to them).
  return `b = buf[i];
    if (b !== 32 && b !== 9) break rows;
    do b = buf[++i]; while (b === 32 || b === 9);
    if (b === 10 || b === 13) break rows;`;
}
