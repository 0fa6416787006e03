// Everything DatasetWriter writes is a .npy file NumPy opens with the same values and dtype (widening, dictionaries, width growth).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetWriter, type DatasetWriterOptions } from './dataset-writer.js';
import { openDatasetReader } from './dataset-reader.js';
import { readManifest } from './manifest-file.js';
import { numpy } from './numpy-oracle.js';
import { SegmentStore } from './segment-store.js';
import type { ColumnBatch } from './table-sink.js';

const PREFIX = 'arrayporttest-writer';
const diskRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'arrayport-wdisk-'));
const store = SegmentStore.open({ prefix: PREFIX, diskRoot });
afterAll(async () => {
  await store.dispose();
  fs.rmSync(diskRoot, { recursive: true, force: true });
  expect(fs.readdirSync('/dev/shm').filter((n) => n.startsWith(PREFIX))).toEqual([]);
});

function newWriter(options?: DatasetWriterOptions): DatasetWriter {
  const { dir } = store.createDataset({ name: 't.txt', sourcePath: '/x/t.txt', sourceBytes: 1, format: 'text', estimatedBytes: 1 << 20 });
  return new DatasetWriter(dir, options);
}

function strings(values: readonly string[]): ColumnBatch {
  const parts = values.map((v) => Buffer.from(v, 'latin1'));
  const offsets = new Int32Array(values.length + 1);
  parts.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length));
  return { kind: 'strings', bytes: new Uint8Array(Buffer.concat(parts)), offsets };
}

/** NumPy's view of every column in the manifest: dtype, and whether it equals the expected Python expression. */
function judge(dir: string, expected: Record<string, string>, data: unknown = null): Record<string, { dtype: string; ok: boolean }> {
  const m = readManifest(dir);
  const cols = m.columns.map((c) => ({
    name: c.name,
    files: c.storage.kind === 'plain' ? [c.storage.file] : [c.storage.codesFile, c.storage.valuesFile],
    expected: expected[c.name],
  }));
  return numpy(
    `out = {}
for c in ARGS["cols"]:
    arrs = [np.load(ARGS["dir"] + "/" + f, mmap_mode="r") for f in c["files"]]
    a = arrs[0] if len(arrs) == 1 else arrs[1][arrs[0]]
    N = ARGS["rows"]
    D = ARGS["data"]
    e = eval(c["expected"])
    out[c["name"]] = {"dtype": a.dtype.str, "ok": bool(a.shape == (N,) and e.dtype == a.dtype and np.array_equal(a, e))}
print(json.dumps(out))`,
    { dir, cols, rows: m.rows, data },
  );
}

describe('DatasetWriter → NumPy', () => {
  it('writes numeric and bool columns that np.load reads exactly', () => {
    const w = newWriter();
    w.begin([
      { name: 'pos', dtype: '<i4', reason: 'ints' },
      { name: 'pct', dtype: '<f4', reason: 'floats' },
      { name: 'x', dtype: '<f8', reason: 'floats' },
      { name: 'big', dtype: '<i8', reason: 'ints' },
      { name: 'flag', dtype: '|b1', reason: 'bools' },
    ]);
    const N = 250_000;
    for (let at = 0; at < N; at += 65536) {
      const n = Math.min(65536, N - at);
      const i = Int32Array.from({ length: n }, (_, k) => at + k);
      w.append(n, [
        { kind: 'fixed', data: Int32Array.from(i, (v) => v * 3 - 7) },
        { kind: 'fixed', data: Float32Array.from(i, (v) => v / 8) },
        { kind: 'fixed', data: Float64Array.from(i, (v) => Math.sqrt(v)) },
        { kind: 'fixed', data: BigInt64Array.from(i, (v) => BigInt(v) * 123456789013n - 5n) },
        { kind: 'fixed', data: Uint8Array.from(i, (v) => v % 3 === 0 ? 1 : 0) },
      ]);
      w.commit();
    }
    w.finish();
    expect(w.current.state).toBe('ready');
    expect(judge(w.dir, {
      pos: 'np.arange(N, dtype=np.int32) * 3 - 7',
      pct: '(np.arange(N) / 8).astype(np.float32)',
      x: 'np.sqrt(np.arange(N, dtype=np.float64))',
      big: 'np.arange(N, dtype=np.int64) * 123456789013 - 5',
      flag: 'np.arange(N) % 3 == 0',
    })).toEqual({
      pos: { dtype: '<i4', ok: true }, pct: { dtype: '<f4', ok: true }, x: { dtype: '<f8', ok: true },
      big: { dtype: '<i8', ok: true }, flag: { dtype: '|b1', ok: true },
    });
  });

  it('widens int32 → int64 → float64 keeping every row as the text would parse', () => {
    const w = newWriter();
    w.begin([{ name: 'v', dtype: '<i4', reason: 'ints' }, { name: 'w', dtype: '<f4', reason: 'given' }]);
    const texts: string[] = [];
    const small = Int32Array.from({ length: 100_000 }, (_, k) => (k % 2 ? -1 : 1) * (k * 20011 % 2147483647));
    small.forEach((v) => texts.push(String(v)));
    w.append(small.length, [{ kind: 'fixed', data: small }, { kind: 'fixed', data: Float32Array.from(small, (v) => v / 3) }]);
    w.commit();
    w.widen(0, '<i8', "value '9007199254740993' at line 100001");
    const bigText = ['9007199254740993', '-9007199254740993', '4611686018427387905', '-9223372036854775808', '9223372036854775807', '2147483648'];
    const big = BigInt64Array.from(bigText, BigInt);
    texts.push(...bigText);
    w.append(big.length, [{ kind: 'fixed', data: big }, { kind: 'fixed', data: new Float32Array(big.length).fill(0.1) }]);
    expect(readManifest(w.dir).columns[0]!.dtype).toBe('<i8');
    w.widen(0, '<f8', "value '2.5' at line 100007");
    w.widen(1, '<f8', 'more digits');
    w.append(1, [{ kind: 'fixed', data: Float64Array.of(2.5) }, { kind: 'fixed', data: Float64Array.of(0.1) }]);
    texts.push('2.5');
    w.finish();
    const m = readManifest(w.dir);
    expect(m.columns.map((c) => [c.dtype, c.reason])).toEqual([['<f8', "value '2.5' at line 100007"], ['<f8', 'more digits']]);
    expect(m.columns[0]!.storage).toMatchObject({ kind: 'plain', file: 'v.g2.npy' });
    const r = numpy<{ dtype: string; ok: boolean; ok2: boolean }>(
      `a = np.load(ARGS["dir"] + "/v.g2.npy", mmap_mode="r")
e = np.array([float(t) for t in ARGS["texts"]], dtype=np.float64)
b = np.load(ARGS["dir"] + "/" + ARGS["w"], mmap_mode="r")
n = len(ARGS["texts"]) - 7
eb = np.concatenate([(np.array([float(t) for t in ARGS["texts"][:n]]) / 3).astype(np.float32).astype(np.float64), np.full(6, np.float32(0.1), dtype=np.float64), [0.1]])
print(json.dumps({"dtype": a.dtype.str, "ok": bool(np.array_equal(a, e)), "ok2": bool(b.dtype.str == "<f8" and np.array_equal(b, eb))}))`,
      { dir: w.dir, texts, w: (m.columns[1]!.storage as { file: string }).file },
    );
    expect(r).toEqual({ dtype: '<f8', ok: true, ok2: true });
  });

  it('refuses narrowing and float→int', () => {
    const w = newWriter();
    w.begin([{ name: 'v', dtype: '<f8', reason: '' }, { name: 's', dtype: '|S1', reason: '' }]);
    expect(() => w.widen(0, '<i8', 'x')).toThrow(/integer/);
    expect(() => w.widen(1, '<f8', 'x')).toThrow(/strings/);
    w.fail({ file: '/x/t.txt', line: 3, message: 'boom' });
    expect(readManifest(w.dir)).toMatchObject({ state: 'failed', error: { line: 3, message: 'boom' } });
    expect(() => w.append(0, [])).toThrow(/failed/);
    w.fail({ file: '/x/t.txt', message: 'twice is fine' });
  });

  it('dictionary-encodes repeating strings and widens the small dictionary file', () => {
    const w = newWriter();
    w.begin([{ name: 'chr', dtype: '|S1', reason: 'text' }]);
    const chrs = [...Array.from({ length: 22 }, (_, i) => `chr${i + 1}`), 'chrX', 'chrY', 'chrM'];
    const all: string[] = [];
    for (let b = 0; b < 5; b++) {
      const batch = Array.from({ length: 20_000 }, (_, k) => chrs[(k * 7 + b) % chrs.length]!);
      if (b === 3) batch[17] = 'chrUn_gl000220';
      if (b === 4) batch[5] = '';
      all.push(...batch);
      w.append(batch.length, [strings(batch)]);
      w.commit();
      expect(readManifest(w.dir).columns[0]!.dtype).toBe(b >= 3 ? '|S14' : '|S5');
    }
    w.finish();
    const c = readManifest(w.dir).columns[0]!;
    expect(c).toMatchObject({ dtype: '|S14', encoding: 'dictionary', storage: { kind: 'dictionary', valueCount: 27, valuesDtype: '|S14' } });
    expect(judge(w.dir, { chr: 'np.array([s.encode("latin1") for s in D], dtype="S14")' }, all)).toEqual({ chr: { dtype: '|S14', ok: true } });
    const reader = openDatasetReader(w.dir);
    const got = reader.readColumn('chr', 60_010, 10) as { width: number; bytes: Uint8Array };
    expect(got.width).toBe(14);
    expect(Buffer.from(got.bytes.subarray(7 * 14, 8 * 14)).toString('latin1')).toBe('chrUn_gl000220');
    expect(Buffer.from(got.bytes.subarray(0, 14)).toString('latin1')).toBe(`${all[60_010]}`.padEnd(14, '\0'));
    reader.close();
  });

  it('turns a column with more than 65535 distinct values plain, then grows and compacts its width', () => {
    const w = newWriter();
    w.begin([{ name: 'id', dtype: '|S1', reason: 'text' }]);
    const N = 90_000;
    const value = (i: number) => (i === 85_000 ? 'x'.repeat(40) : `v${i % 70_000}`);
    for (let at = 0; at < N; at += 10_000) {
      w.append(10_000, [strings(Array.from({ length: 10_000 }, (_, k) => value(at + k)))]);
      w.commit();
      const c = readManifest(w.dir).columns[0]!;
      expect(c.storage.kind).toBe(at + 10_000 <= 60_000 ? 'dictionary' : 'plain');
    }
    w.finish();
    const c = readManifest(w.dir).columns[0]!;
    expect(c).toMatchObject({ dtype: '|S40', storage: { kind: 'plain', dtype: '|S40' } });
    expect(c.encoding).toBeUndefined();
    expect(judge(w.dir, {
      id: `np.array([b"x" * 40 if i == 85000 else b"v%d" % (i % 70000) for i in range(N)], dtype="S40")`,
    })).toEqual({ id: { dtype: '|S40', ok: true } });
  });

  it('grows plain string widths geometrically and ends at exactly NumPy\'s width', () => {
    const w = newWriter({ dictionaryLimit: 4 });
    w.begin([{ name: 's', dtype: '|S1', reason: 'text' }, { name: 'e', dtype: '|S1', reason: 'empty' }, { name: 'f', dtype: '|S10', reason: 'given', fixedWidth: true }]);
    const rows: string[] = [];
    for (let b = 0; b < 30; b++) {
      const batch = Array.from({ length: 1000 }, (_, k) => `${b}`.repeat(1 + ((k * b) % (b + 1))));
      rows.push(...batch);
      w.append(1000, [strings(batch), strings(batch.map(() => '')), strings(batch.map((s) => s.slice(0, 10)))]);
      w.commit();
      const col = readManifest(w.dir).columns[0]!;
      if (col.storage.kind === 'plain') expect(Number(col.storage.dtype.slice(2))).toBeGreaterThanOrEqual(Number(col.dtype.slice(2)));
    }
    expect(() => w.append(1, [strings(['a']), strings(['']), strings(['01234567890'])])).toThrow(/declared \|S10/);
    w.finish();
    const widest = Math.max(...rows.map((s) => s.length));
    expect(judge(w.dir, {
      s: `np.array([s.encode() for s in D], dtype="S${widest}")`,
      e: 'np.zeros(N, dtype="S1")',
      f: 'np.array([s[:10].encode() for s in D], dtype="S10")',
    }, rows)).toEqual({ s: { dtype: `|S${widest}`, ok: true }, e: { dtype: '|S1', ok: true }, f: { dtype: '|S10', ok: true } });
  });

  it('reset drops numbers so the column can restart as strings, and records the dialect', () => {
    const w = newWriter();
    w.begin([{ name: 'a', dtype: '<i4', reason: 'ints' }]);
    w.append(3, [{ kind: 'fixed', data: Int32Array.of(1, 2, 3) }]);
    w.commit();
    w.reset();
    expect(readManifest(w.dir)).toMatchObject({ rows: 0, columns: [] });
    w.begin([{ name: 'a', dtype: '|S1', reason: "value 'x' at line 4" }]);
    w.append(4, [strings(['1', '2', '3', 'x'])]);
    w.setDialect({ delimiter: ',', header: false, quote: null, comment: null, lineEnding: 'LF', compression: 'none', bom: false, skippedLines: 0 });
    w.finish();
    const m = readManifest(w.dir);
    expect(m.source.dialect?.delimiter).toBe(',');
    expect(judge(w.dir, { a: 'np.array([b"1", b"2", b"3", b"x"])' })).toEqual({ a: { dtype: '|S1', ok: true } });
    expect(fs.existsSync(path.join(w.dir, 'a.npy'))).toBe(true);
  });
});
