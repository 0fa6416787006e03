// Throughput figures for the report; runs only with ARRAYPORT_MEASURE=1 (timings are no pass/fail criterion on shared machines).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetWriter } from './dataset-writer.js';
import { openDatasetReader, readWindow, toRowWindow } from './dataset-reader.js';
import { SegmentStore } from './segment-store.js';

const PREFIX = 'arrayporttest-measure';

const N = 10_000_000;
const BATCH = 65_536;

describe.skipIf(!process.env.ARRAYPORT_MEASURE)('store throughput', () => {
  let diskRoot = '';
  let store: SegmentStore;
  beforeAll(() => {
    diskRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'arrayport-mdisk-'));
    store = SegmentStore.open({ prefix: PREFIX, diskRoot });
  });
  afterAll(async () => {
    await store.dispose();
    fs.rmSync(diskRoot, { recursive: true, force: true });
  });

  it('appends 10M int32 + float32 rows, 10M dictionary strings; reads 100-row windows', () => {
    const { dir, placement } = store.createDataset({ name: 'm', sourcePath: '/m', sourceBytes: 1, format: 'text', estimatedBytes: 200e6 });
    const w = new DatasetWriter(dir);
    w.begin([{ name: 'pos', dtype: '<i4', reason: '' }, { name: 'pct', dtype: '<f4', reason: '' }]);
    const ints = Int32Array.from({ length: BATCH }, (_, k) => k * 13);
    const floats = Float32Array.from({ length: BATCH }, (_, k) => k / 7);
    let t = performance.now();
    for (let at = 0; at < N; at += BATCH) {
      const n = Math.min(BATCH, N - at);
      w.append(n, [{ kind: 'fixed', data: ints.subarray(0, n) }, { kind: 'fixed', data: floats.subarray(0, n) }]);
      if ((at / BATCH) % 16 === 15) w.commit();
    }
    w.finish();
    const numericS = (performance.now() - t) / 1000;

    const chrs = [...Array.from({ length: 22 }, (_, i) => `chr${i + 1}`), 'chrX', 'chrY', 'chrM'];
    const parts = Array.from({ length: BATCH }, (_, k) => Buffer.from(chrs[Math.floor(k / 1000) % 25]!, 'latin1'));
    const bytes = new Uint8Array(Buffer.concat(parts));
    const offsets = new Int32Array(BATCH + 1);
    parts.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length));
    const d2 = store.createDataset({ name: 's', sourcePath: '/s', sourceBytes: 1, format: 'text', estimatedBytes: 20e6 });
    const ws = new DatasetWriter(d2.dir);
    ws.begin([{ name: 'chr', dtype: '|S1', reason: '' }]);
    t = performance.now();
    let textBytes = 0;
    for (let at = 0; at < N; at += BATCH) {
      const n = Math.min(BATCH, N - at);
      ws.append(n, [{ kind: 'strings', bytes, offsets: offsets.subarray(0, n + 1) }]);
      textBytes += offsets[n]!;
      if ((at / BATCH) % 16 === 15) ws.commit();
    }
    ws.finish();
    const stringS = (performance.now() - t) / 1000;

    // No runs at all: every row goes through the hash (the cache of the previous value never hits).
    const shuffled = Array.from({ length: BATCH }, (_, k) => Buffer.from(chrs[(k * 7) % 25]!, 'latin1'));
    const sBytes = new Uint8Array(Buffer.concat(shuffled));
    const sOffsets = new Int32Array(BATCH + 1);
    shuffled.forEach((p, i) => (sOffsets[i + 1] = sOffsets[i]! + p.length));
    const d3 = store.createDataset({ name: 's3', sourcePath: '/s3', sourceBytes: 1, format: 'text', estimatedBytes: 20e6 });
    const w3 = new DatasetWriter(d3.dir);
    w3.begin([{ name: 'chr', dtype: '|S1', reason: '' }]);
    t = performance.now();
    let text3 = 0;
    for (let at = 0; at < N; at += BATCH) {
      const n = Math.min(BATCH, N - at);
      w3.append(n, [{ kind: 'strings', bytes: sBytes, offsets: sOffsets.subarray(0, n + 1) }]);
      text3 += sOffsets[n]!;
    }
    w3.finish();
    const shuffledS = (performance.now() - t) / 1000;

    const r = openDatasetReader(dir);
    const rs = openDatasetReader(d2.dir);
    const lat: number[] = [];
    for (let i = 0; i < 200; i++) {
      const first = Math.floor(Math.random() * (N - 100));
      const t0 = performance.now();
      toRowWindow('m', readWindow(r, first, 100));
      toRowWindow('s', readWindow(rs, first, 100));
      lat.push(performance.now() - t0);
    }
    lat.sort((a, b) => a - b);
    const t1 = performance.now();
    readWindow(r, 0, 4_000_000);
    readWindow(rs, 0, 4_000_000);
    const bigMs = performance.now() - t1;
    r.close();
    rs.close();
    console.log(JSON.stringify({
      placement: placement.kind,
      numeric: { seconds: numericS.toFixed(3), MBps: ((N * 8) / 1e6 / numericS).toFixed(0), rowsPerSecond: (N / numericS / 1e6).toFixed(1) + 'M' },
      strings: { seconds: stringS.toFixed(3), textMBps: (textBytes / 1e6 / stringS).toFixed(0), rowsPerSecond: (N / stringS / 1e6).toFixed(1) + 'M' },
      stringsNoRuns: { seconds: shuffledS.toFixed(3), textMBps: (text3 / 1e6 / shuffledS).toFixed(0), rowsPerSecond: (N / shuffledS / 1e6).toFixed(1) + 'M' },
      window100: { medianMs: lat[100]!.toFixed(3), p95Ms: lat[190]!.toFixed(3), note: '3 columns (i4, f4, dictionary S5) incl. toRowWindow' },
      read4M: { ms: bigMs.toFixed(0), note: '3 columns, 4M rows' },
    }, null, 1));
    expect(lat.length).toBe(200);
  });
});
