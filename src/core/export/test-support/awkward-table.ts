// Test-only: tables in a temporary store with the values exports get wrong (NaN, -0.0, int64 extremes, float32, quoted strings).

import { DatasetWriter } from '../../store/dataset-writer.js';
import type { DatasetManifest } from '../../store/manifest.js';
import { readManifest } from '../../store/manifest-file.js';
import type { SegmentStore } from '../../store/segment-store.js';
import type { ColumnBatch, SinkColumn } from '../../store/table-sink.js';

/** xorshift32: repeatable without Math.random. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x;
  };
}

/** Few distinct values (stays dictionary-encoded), holding a comma, a quote, a line break, UTF-8 and the empty string. */
const CHROMS = ['chr1', 'chrX', 'c,1', 'q"x', 'a\nb', '', 'é'];

/** Many distinct values (becomes a plain |S column): delimiters, quotes, CR/LF, spaces, UTF-8 and a byte that is not UTF-8. */
function freeText(k: number): Buffer {
  switch (k % 8) {
    case 0: return Buffer.from(`r${k}`);
    case 1: return Buffer.from(`${k % 1000},x`);
    case 2: return Buffer.from(`"${k % 1000}"`);
    case 3: return Buffer.from(`l${k % 100}\r\nm`);
    case 4: return Buffer.from(` s${k % 1000} `);
    case 5: return Buffer.from(`é${k % 10000}`);
    case 6: return Buffer.concat([Buffer.from([0xe9, 0x41]), Buffer.from(String(k % 10000))]);
    default: return Buffer.from(`n\n${k % 1000}`);
  }
}

function strings(values: readonly Buffer[]): ColumnBatch {
  const offsets = new Int32Array(values.length + 1);
  values.forEach((v, i) => (offsets[i + 1] = offsets[i]! + v.length));
  return { kind: 'strings', bytes: new Uint8Array(Buffer.concat(values)), offsets };
}

function dataset(store: SegmentStore, name: string): DatasetWriter {
  const { dir } = store.createDataset({ name, sourcePath: `/data/${name}`, sourceBytes: 1, format: 'text', estimatedBytes: 1 << 20 });
  // A low limit turns the free-text column plain while the chromosome column stays a dictionary.
  return new DatasetWriter(dir, { dictionaryLimit: 16 });
}

export const MAIN_COLUMNS: readonly SinkColumn[] = [
  { name: 'i8', dtype: '<i8', reason: 'test' },
  { name: 'f8', dtype: '<f8', reason: 'test' },
  { name: 'chr', dtype: '|S1', reason: 'test' },
  { name: 'f4', dtype: '<f4', reason: 'test' },
  { name: 'flag', dtype: '|b1', reason: 'test' },
  { name: 'txt', dtype: '|S1', reason: 'test' },
  { name: 'u8', dtype: '<u8', reason: 'test' },
  { name: 'i2', dtype: '<i2', reason: 'test' },
];

/** `rows` rows of MAIN_COLUMNS: edge values first, then pseudo-random bit patterns and ordinary numbers. */
export function writeMainTable(store: SegmentStore, name: string, rows: number, seed = 1): { dir: string; manifest: DatasetManifest } {
  const w = dataset(store, name);
  w.begin(MAIN_COLUMNS);
  const next = rng(seed);
  const block = 50_000;
  for (let at = 0; at < rows; at += block) {
    const n = Math.min(block, rows - at);
    const i8 = new BigInt64Array(n);
    const u8 = new BigUint64Array(n);
    const f8 = new Float64Array(n);
    const f4 = new Float32Array(n);
    const flag = new Uint8Array(n);
    const i2 = new Int16Array(n);
    const chr: Buffer[] = [];
    const txt: Buffer[] = [];
    const f8bits = new Uint32Array(f8.buffer);
    const f4bits = new Uint32Array(f4.buffer);
    for (let j = 0; j < n; j++) {
      const k = at + j;
      i8[j] = BigInt.asIntN(64, (BigInt(next()) << 32n) | BigInt(next()));
      u8[j] = (BigInt(next()) << 32n) | BigInt(next());
      if (k % 2 === 0) {
        f8bits[2 * j] = next();
        f8bits[2 * j + 1] = next();
        f4bits[j] = next();
      } else {
        f8[j] = (k - rows / 2) * 0.37;
        f4[j] = (next() % 100_000) / 100;
      }
      flag[j] = next() & 1;
      i2[j] = next() & 0xffff;
      chr.push(Buffer.from(CHROMS[next() % CHROMS.length]!));
      txt.push(freeText(k));
    }
    if (at === 0) {
      i8.set([-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n].slice(0, n));
      u8.set([2n ** 64n - 1n, 0n].slice(0, n));
      f8.set([NaN, -0, Infinity, -Infinity, 5e-324, 1.7976931348623157e308, 0.1, 1e21, 1e-7].slice(0, n));
      f4.set([NaN, -0, Infinity, -Infinity, 1e-45, 3.4028234663852886e38, 0.1, 66.67, 16777217].slice(0, n));
      i2.set([-32768, 32767].slice(0, n));
    }
    w.append(n, [
      { kind: 'fixed', data: i8 }, { kind: 'fixed', data: f8 }, strings(chr), { kind: 'fixed', data: f4 },
      { kind: 'fixed', data: flag }, strings(txt), { kind: 'fixed', data: u8 }, { kind: 'fixed', data: i2 },
    ]);
    w.commit();
  }
  w.finish();
  return { dir: w.dir, manifest: readManifest(w.dir) };
}

/** dtypes only the .npy and CSV writers take (HDF5 refuses them): float16, complex, unicode. */
export function writeExoticTable(store: SegmentStore, name: string, rows: number, seed = 2): { dir: string; manifest: DatasetManifest } {
  const w = dataset(store, name);
  w.begin([
    { name: 'h', dtype: '<f2', reason: 'test' },
    { name: 'z', dtype: '<c16', reason: 'test' },
    { name: 'w', dtype: '<c8', reason: 'test' },
    { name: 'u', dtype: '<U3', reason: 'test' },
  ]);
  const next = rng(seed);
  const h = Uint16Array.from({ length: rows }, () => next() & 0xffff);
  const z = Float64Array.from({ length: 2 * rows }, (_, i) => (i < 8 ? [NaN, -0, Infinity, -1.5, 0.1, -Infinity, 1e300, -0][i]! : ((next() % 20001) - 10000) / 7));
  const wv = Float32Array.from({ length: 2 * rows }, () => ((next() % 20001) - 10000) / 3);
  const points = ['a', 'é', '中', '😀', ',', '"', '\n', 'b'];
  const u = new Uint32Array(rows * 3);
  for (let r = 0; r < rows; r++) {
    const len = next() % 4;
    for (let c = 0; c < len; c++) u[r * 3 + c] = points[next() % points.length]!.codePointAt(0)!;
  }
  w.append(rows, [{ kind: 'fixed', data: h }, { kind: 'fixed', data: z }, { kind: 'fixed', data: wv }, { kind: 'fixed', data: new Uint8Array(u.buffer) }]);
  w.finish();
  return { dir: w.dir, manifest: readManifest(w.dir) };
}
