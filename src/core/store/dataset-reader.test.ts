// Reading windows from the store: typed columns, dictionary strings, the watermark, compared with NumPy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetWriter } from './dataset-writer.js';
import { openDatasetReader, readWindow, toRowWindow } from './dataset-reader.js';
import { readManifest } from './manifest-file.js';
import { SegmentStore } from './segment-store.js';

const PREFIX = 'arrayporttest-reader';
const diskRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'arrayport-rdisk-'));
const store = SegmentStore.open({ prefix: PREFIX, diskRoot });
afterAll(async () => {
  await store.dispose();
  fs.rmSync(diskRoot, { recursive: true, force: true });
  expect(fs.readdirSync('/dev/shm').filter((n) => n.startsWith(PREFIX))).toEqual([]);
});

function writer(): DatasetWriter {
  const { dir } = store.createDataset({ name: 'r', sourcePath: '/r', sourceBytes: 1, format: 'text', estimatedBytes: 1 });
  return new DatasetWriter(dir);
}

describe('dataset reader', () => {
  it('never returns rows past the committed watermark while loading', () => {
    const w = writer();
    w.begin([{ name: 'a', dtype: '<i4', reason: '' }, { name: 's', dtype: '|S1', reason: '' }]);
    const batch = (from: number, n: number) => {
      const a = Int32Array.from({ length: n }, (_, k) => from + k);
      const text = Buffer.from(Array.from(a, (v) => `r${v % 10}`).join(''), 'latin1');
      const offsets = Int32Array.from({ length: n + 1 }, (_, k) => k * 2);
      return [{ kind: 'fixed' as const, data: a }, { kind: 'strings' as const, bytes: new Uint8Array(text), offsets }];
    };
    w.append(1000, batch(0, 1000));
    let r = openDatasetReader(w.dir);
    expect(r.rows).toBe(0);
    expect(readWindow(r, 0, 10).rowCount).toBe(0);
    w.commit();
    w.append(500, batch(1000, 500));
    r.update(readManifest(w.dir));
    expect(readManifest(w.dir).state).toBe('loading');
    const win = readWindow(r, 900, 500);
    expect(win).toMatchObject({ firstRow: 900, rowCount: 100, totalRows: 1000 });
    const a = win.columns[0]!.data as Int32Array;
    expect(a).toBeInstanceOf(Int32Array);
    expect(Array.from(a)).toEqual(Array.from({ length: 100 }, (_, k) => 900 + k));
    expect(readWindow(r, 5000, 10)).toMatchObject({ firstRow: 1000, rowCount: 0 });
    expect((r.readColumn('a', 990, 1000) as Int32Array).length).toBe(10);
    w.commit();
    r.update(readManifest(w.dir));
    expect(readWindow(r, 1400, 500, ['s']).rowCount).toBe(100);
    r.close();
    w.finish();
    r = openDatasetReader(w.dir);
    const rw = toRowWindow('d', readWindow(r, 1497, 10));
    expect(rw.columns).toEqual([
      { name: 'a', dtype: '<i4', data: { kind: 'number', values: [1497, 1498, 1499] } },
      { name: 's', dtype: '|S2', data: { kind: 'bytes', values: ['r7', 'r8', 'r9'] } },
    ]);
    r.close();
  });

  it('makes JSON-safe windows: bigint strings past 2^53, bools, UTF-8 else Latin-1 bytes', () => {
    const w = writer();
    w.begin([
      { name: 'big', dtype: '<i8', reason: '' }, { name: 'small', dtype: '<i8', reason: '' },
      { name: 'b', dtype: '|b1', reason: '' }, { name: 'txt', dtype: '|S4', reason: '', fixedWidth: true },
      { name: 'f', dtype: '<f4', reason: '' },
    ]);
    const txt = Buffer.concat([Buffer.from('é\0\0'), Buffer.from([0xe9, 0x41, 0, 0]), Buffer.from('abcd')]);
    w.append(3, [
      { kind: 'fixed', data: BigInt64Array.of(9007199254740993n, -1n, -9223372036854775808n) },
      { kind: 'fixed', data: BigInt64Array.of(9007199254740991n, -9007199254740991n, 0n) },
      { kind: 'fixed', data: Uint8Array.of(1, 0, 1) },
      { kind: 'fixed', data: new Uint8Array(txt) },
      { kind: 'fixed', data: Float32Array.of(0.5, NaN, -Infinity) },
    ]);
    w.finish();
    const r = openDatasetReader(w.dir);
    const rw = toRowWindow('d7', readWindow(r, 0, 3));
    expect(rw.columns.map((c) => c.data)).toEqual([
      { kind: 'bigint', values: ['9007199254740993', '-1', '-9223372036854775808'] },
      { kind: 'number', values: [9007199254740991, -9007199254740991, 0] },
      { kind: 'bool', values: [true, false, true] },
      { kind: 'bytes', values: ['é', 'éA', 'abcd'] },
      { kind: 'number', values: [0.5, NaN, -Infinity] },
    ]);
    expect((r.readColumn('big', 0, 3) as BigInt64Array)).toBeInstanceOf(BigInt64Array);
    expect((r.readColumn('b', 0, 3) as Uint8Array)).toBeInstanceOf(Uint8Array);
    r.close();
  });

  it('readEncoded: dictionary codes plus values, and one reused buffer per column', () => {
    const w = writer();
    w.begin([{ name: 'a', dtype: '<i4', reason: '' }, { name: 's', dtype: '|S1', reason: '' }]);
    const n = 3000;
    const text = Buffer.from(Array.from({ length: n }, (_, k) => ['chr1', 'chrX', 'c'][k % 3]).join(''), 'latin1');
    const offsets = Int32Array.from({ length: n + 1 }, (_, k) => Math.floor(k / 3) * 9 + [0, 4, 8][k % 3]!);
    w.append(n, [{ kind: 'fixed', data: Int32Array.from({ length: n }, (_, k) => k) }, { kind: 'strings', bytes: new Uint8Array(text), offsets }]);
    w.finish();
    const r = openDatasetReader(w.dir);
    const d = r.readEncoded('s', 10, 5) as { width: number; codes: Uint16Array; values: Uint8Array };
    expect(d.width).toBe(4);
    const expand = Array.from(d.codes, (c) => Buffer.from(d.values.subarray(c * 4, c * 4 + 4)).toString('latin1').replace(/\0+$/, ''));
    expect(expand).toEqual(['chrX', 'c', 'chr1', 'chrX', 'c']);
    expect((r.readColumn('s', 10, 5) as { bytes: Uint8Array }).bytes).toEqual(Uint8Array.from(Buffer.from('chrXc\0\0\0chr1chrXc\0\0\0', 'latin1')));
    const first = r.readEncoded('a', 0, 100) as Int32Array;
    const again = r.readEncoded('a', 2000, 50) as Int32Array;
    expect(again.buffer).toBe(first.buffer);
    expect(Array.from(again)).toEqual(Array.from({ length: 50 }, (_, k) => 2000 + k));
    expect((r.readEncoded('a', 2990, 100) as Int32Array).length).toBe(10);
    expect((r.readColumn('a', 0, 100) as Int32Array).buffer).not.toBe(first.buffer);
    r.close();
  });

  it('reads a 4M-row block in one positional read per column', () => {
    const w = writer();
    w.begin([{ name: 'x', dtype: '<f8', reason: '' }, { name: 'c', dtype: '|S1', reason: '' }]);
    const n = 4_000_000;
    const chunk = 1 << 20;
    for (let at = 0; at < n; at += chunk) {
      const m = Math.min(chunk, n - at);
      const offsets = Int32Array.from({ length: m + 1 }, (_, k) => k * 4);
      const bytes = new Uint8Array(m * 4);
      for (let k = 0; k < m; k++) bytes.set([0x63, 0x68, 0x72, 0x31 + ((at + k) % 9)], k * 4);
      w.append(m, [{ kind: 'fixed', data: Float64Array.from({ length: m }, (_, k) => at + k) }, { kind: 'strings', bytes, offsets }]);
    }
    w.finish();
    const r = openDatasetReader(w.dir);
    const t = performance.now();
    const win = readWindow(r, 0, n);
    const ms = performance.now() - t;
    const x = win.columns[0]!.data as Float64Array;
    const c = win.columns[1]!.data as { width: number; bytes: Uint8Array };
    expect(x.length).toBe(n);
    expect(x[n - 1]).toBe(n - 1);
    expect(c.width).toBe(4);
    expect(c.bytes[(n - 1) * 4 + 3]).toBe(0x31 + ((n - 1) % 9));
    expect(ms).toBeLessThan(5000);
    r.close();
  });
});
