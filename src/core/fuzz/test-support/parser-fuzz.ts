// Seeded fuzzing of the three input parsers (text, .npy, dtype spec), shared by the fast tests and `npm run soak`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DTypeSpecError, parseDTypeSpec } from '../../../shared/dtype-spec.js';
import { LoadError } from '../../load-error.js';
import { loadNpy } from '../../npy/npy-loader.js';
import type { SegmentStore } from '../../store/segment-store.js';
import { MemorySink } from '../../text/test-support/memory-sink.js';
import { seedLines } from '../../text/test-support/seed-file.js';
import { loadTextFile } from '../../text/text-loader.js';

export type FuzzTarget = 'text' | 'npy' | 'dtype-spec';

export interface FuzzFigures {
  readonly target: FuzzTarget;
  readonly inputs: number;
  /** Parsed without error. */
  readonly accepted: number;
  /** Refused with the parser's own clear error (LoadError, DTypeSpecError). */
  readonly refused: number;
  /** Slowest single input, ms. */
  readonly maxMs: number;
  /** Crashes (any other error) and inputs over the time bound, with the case number to replay. */
  readonly failures: readonly string[];
}

export interface FuzzOptions {
  /** Where text inputs are written as files. */
  readonly workDir: string;
  /** Store the .npy inputs load into (one dataset per input, closed at once). */
  readonly store: SegmentStore;
  /** An input slower than this is a failure (a hang would never return; the soak's watchdog catches that). */
  readonly boundMs: number;
  /** Called before each case with its number, e.g. to feed a watchdog. */
  readonly onCase?: (k: number) => void;
}

/** Park–Miller-style LCG: the same seed gives the same inputs everywhere. */
export function rng(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}

function mutate(base: string, r: (n: number) => number, alphabet: string, edits: number): string {
  const chars = [...base];
  for (let m = 0; m < edits; m++) {
    const at = r(chars.length + 1);
    const op = r(4);
    const c = r(20) === 0 ? String.fromCodePoint(r(0x11000)) : alphabet[r(alphabet.length)]!;
    if (op === 0) chars.splice(at, 1);
    else if (op === 1) chars.splice(at, 0, c);
    else if (op === 2) chars[at] = c;
    else chars.splice(at, 0, ...chars.slice(r(chars.length), r(chars.length)).slice(0, 64)); // duplicate a slice
  }
  return chars.join('');
}

const SPECS = ["[('chr','S10'),('pos','<i4'),('v','<f8')]", 'chr:S10,pos:i4,v:f8', 'S10,i4,f8', 'f8', '[("a", "|b1"), ("b", ">u2")]', 'x:U5,y:?,z:c16', 'i8'];
const SPEC_ALPHABET = `[]()'",: <>|=SUuifcbB?0123456789xyz\\`;

export function dtypeSpecInput(r: (n: number) => number): string {
  if (r(50) === 0) return SPEC_ALPHABET[r(SPEC_ALPHABET.length)]!.repeat(1 + r(5000)); // long runs catch quadratic scans
  return mutate(SPECS[r(SPECS.length)]!, r, SPEC_ALPHABET, 1 + r(6));
}

const NPY_DICTS = [
  "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }",
  "{'descr': '|u1', 'fortran_order': True, 'shape': (6,), }",
  "{'descr': [('a', '<i4'), ('b', 'S3')], 'fortran_order': False, 'shape': (2,), }",
  "{'descr': '<U2', 'fortran_order': False, 'shape': (), }",
  "{'descr': '>c8', 'fortran_order': False, 'shape': (1, 3), }",
];
const NPY_ALPHABET = "{}()[]',: 0123456789-<>|=fiucUSbBOV?TrueFalsdshpo";

/** A .npy image: a (mutated) header dict, then 48 data bytes that may be cut or bent. */
export function npyInput(r: (n: number) => number): Uint8Array {
  const dict = r(4) === 0 ? NPY_DICTS[r(NPY_DICTS.length)]! : mutate(NPY_DICTS[r(NPY_DICTS.length)]!, r, NPY_ALPHABET, 1 + r(5));
  const body = Buffer.from(dict, 'utf8');
  const headerLen = Math.ceil((10 + body.length + 1) / 64) * 64 - 10;
  const header = Buffer.alloc(10 + headerLen, 0x20);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(header);
  header.writeUInt16LE(headerLen, 8);
  body.copy(header, 10);
  header[header.length - 1] = 0x0a;
  const data = Buffer.alloc(48);
  for (let i = 0; i < data.length; i++) data[i] = r(256);
  const out = Buffer.concat([header, data]);
  const flips = r(3) === 0 ? r(4) : 0;
  for (let i = 0; i < flips; i++) out[r(12)] = r(256); // the preamble: magic, version, length
  return r(5) === 0 ? out.subarray(0, r(out.length)) : out;
}

const TEXT_ALPHABET = '0123456789.,;\t \r\n"#-+eENA/x';
const TEXT_BASE = seedLines(40, 3, { missing: true }).join('\n');

export function textInput(r: (n: number) => number): Uint8Array {
  if (r(3) === 0) {
    const bytes = new Uint8Array(r(300));
    for (let i = 0; i < bytes.length; i++) bytes[i] = r(2) ? r(256) : TEXT_ALPHABET.charCodeAt(r(TEXT_ALPHABET.length));
    return bytes;
  }
  return new TextEncoder().encode(mutate(TEXT_BASE, r, TEXT_ALPHABET, 1 + r(8)));
}

async function* chunks(bytes: Uint8Array, r: (n: number) => number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; ) {
    const n = 1 + r(bytes.length);
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

/** Runs one case; returns true when accepted, false when refused clearly; throws on anything else. */
async function runCase(target: FuzzTarget, k: number, r: (n: number) => number, o: FuzzOptions): Promise<boolean> {
  if (target === 'dtype-spec') {
    try {
      parseDTypeSpec(dtypeSpecInput(r));
      return true;
    } catch (e) {
      if (e instanceof DTypeSpecError && e.message.length > 'dtype spec: '.length) return false;
      throw e;
    }
  }
  if (target === 'text') {
    const path = join(o.workDir, `fuzz-${k % 16}.txt`);
    writeFileSync(path, textInput(r));
    const sink = new MemorySink();
    const res = await loadTextFile(path, sink, { blockSize: 16 + r(512) }).catch((e: unknown) => e);
    if (!(res instanceof Error)) return true;
    if (res instanceof LoadError && res.info.file === path && res.info.message) return false;
    throw res;
  }
  const bytes = npyInput(r);
  const { id, dir } = o.store.createDataset({ name: `fuzz${k}`, sourcePath: '/fuzz.npy', sourceBytes: bytes.length, format: 'npy', estimatedBytes: 1024 });
  try {
    await loadNpy(chunks(bytes, r), dir, { file: 'fuzz.npy', totalBytes: bytes.length });
    return true;
  } catch (e) {
    if (e instanceof LoadError && e.info.file === 'fuzz.npy' && e.info.message) return false;
    throw e;
  } finally {
    await o.store.close(id);
  }
}

/** `count` seeded inputs for one parser; never throws: crashes and slow inputs are listed in the figures. */
export async function fuzzTarget(target: FuzzTarget, seed: number, count: number, o: FuzzOptions): Promise<FuzzFigures> {
  const r = rng(seed);
  let accepted = 0;
  let refused = 0;
  let maxMs = 0;
  const failures: string[] = [];
  for (let k = 0; k < count; k++) {
    o.onCase?.(k);
    const t0 = performance.now();
    try {
      if (await runCase(target, k, r, o)) accepted++;
      else refused++;
    } catch (e) {
      if (failures.length < 20) failures.push(`${target} seed ${seed} case ${k}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
    const ms = performance.now() - t0;
    maxMs = Math.max(maxMs, ms);
    if (ms > o.boundMs && failures.length < 20) failures.push(`${target} seed ${seed} case ${k}: took ${ms.toFixed(0)} ms (bound ${o.boundMs} ms)`);
  }
  return { target, inputs: count, accepted, refused, maxMs, failures };
}
