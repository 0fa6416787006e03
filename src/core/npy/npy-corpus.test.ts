// Every .npy/.npz of the shared corpus (and the malformed ones) loads into the store with NumPy's exact bytes, or fails with a clear message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { storeArraySource } from '../arrays/store-array-source.js';
import { LoadError } from '../load-error.js';
import { runLoadJob } from '../load-job.js';
import { openDatasetReader } from '../store/dataset-reader.js';
import { SegmentStore } from '../store/segment-store.js';
import { listZip } from './zip-index.js';

const BASE = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
type Want = { arrays: number; tables?: number } | { message: RegExp };

const CORPUS: Record<string, Want> = {
  'numpy/ndarray-npy__example_c64_big_endian_standard.npy': { arrays: 1 },
  'numpy/ndarray-npy__example_f64_big_endian_fortran.npy': { arrays: 1 },
  'numpy/npyjs__10-float16.npy': { arrays: 1 },
  'numpy/npyjs__100x100x100-float32.npy': { arrays: 1 },
  'numpy/npyjs__unicode-large.npy': { arrays: 1 },
  'numpy/npyz__compressed.npz': { arrays: 2 },
  'numpy/npyz__f-order.npy': { arrays: 1 },
  'numpy/npyz__sparse_csr.npz': { arrays: 5 },
  'numpy/npyz__structured.npy': { arrays: 0, tables: 1 },
  'numpy/numpy__py2-objarr.npz': { message: /Python objects .*never unpickles/ },
  'numpy/numpy__py3-objarr.npy': { message: /Python objects .*never unpickles/ },
  'numpy/scipy__carex_20_data.npz': { arrays: 4 },
  'numpy/scipy__stable-loc-scale-sample-data.npy': { arrays: 0, tables: 1 },
  'malformed/ndarray-npy__example_bool_bad_value.npy': { message: /element \d+: invalid bool byte 0x/ },
  'malformed/npyz__unicode_surrogate.npy': { message: /element 0: invalid unicode string: code point U\+D805 is a lone surrogate/ },
};

/** NumPy's view of one array: per field (or '' for a plain array) its little-endian, C-order bytes. */
const DUMP = `
import sys, json, base64, numpy as np
def load(p, member):
    if member is None: return np.load(p, allow_pickle=False)
    with np.load(p, allow_pickle=False) as z: return z[member[:-4]]
a = load(sys.argv[1], None if sys.argv[2] == '-' else sys.argv[2])
def le(x): return base64.b64encode(np.ascontiguousarray(x.astype(x.dtype.newbyteorder('<') if x.dtype.byteorder == '>' else x.dtype)).tobytes()).decode()
out = {'shape': list(a.shape), 'fields': {n: le(a[n]) for n in a.dtype.names} if a.dtype.names else {'': le(a)}}
print(json.dumps(out))
`;

const store = SegmentStore.open({ prefix: 'arrayport-npytest' });
afterAll(() => store.dispose());

describe('NumPy files of the corpus', () => {
  for (const [name, want] of Object.entries(CORPUS)) {
    it(name, async () => {
      const file = path.join(BASE, name);
      const members = name.endsWith('.npz') ? listZip(file).map((m) => m.name) : [undefined];
      let arrays = 0;
      let tables = 0;
      for (const member of members) {
        const { id, dir } = store.createDataset({ name, sourcePath: file, sourceBytes: 0, format: 'npy', estimatedBytes: 0 });
        const got = await runLoadJob({ path: file, datasetDir: dir, ...(member ? { member } : {}) }, () => {}).catch((e: unknown) => e);
        if ('message' in want) {
          expect(got).toBeInstanceOf(LoadError);
          expect((got as LoadError).message).toMatch(want.message);
          expect((got as LoadError).info.file).toContain(path.basename(file));
          continue;
        }
        if (got instanceof Error) throw got;
        const truth = JSON.parse(execFileSync('/usr/bin/python3', ['-c', DUMP, file, member ?? '-'], { encoding: 'utf8', maxBuffer: 1 << 28 })) as { shape: number[]; fields: Record<string, string> };
        const m = store.refresh(id)!;
        expect(m.state).toBe('ready');
        if (m.array) {
          arrays++;
          expect(m.shape).toEqual(truth.shape);
          const source = storeArraySource(dir, m);
          const block = await source.read({ start: m.shape!.map(() => 0), count: m.shape!, step: m.shape!.map(() => 1) });
          source.close();
          expect(block.kind === 'bytes' && Buffer.from(block.bytes).toString('base64')).toBe(truth.fields['']);
        } else {
          tables++;
          const reader = openDatasetReader(dir, m);
          for (const c of m.columns) {
            const data = reader.readColumn(c.name, 0, m.rows);
            const bytes = 'width' in data ? data.bytes : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
            expect(Buffer.from(bytes).toString('base64'), c.name).toBe(truth.fields[c.name]);
          }
          reader.close();
        }
      }
      if (!('message' in want)) expect({ arrays, tables }).toEqual({ arrays: want.arrays, tables: want.tables ?? 0 });
    });
  }

  it('streams a large .npy in blocks without holding it whole', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'arrayport-npy-'));
    const file = path.join(tmp, 'big.npy');
    execFileSync('/usr/bin/python3', ['-c', `import numpy as np; np.save('${file}', np.arange(12_000_000, dtype='>f4').reshape(3000, 4000))`]);
    const { id, dir } = store.createDataset({ name: 'big', sourcePath: file, sourceBytes: 0, format: 'npy', estimatedBytes: 0 });
    const reports: number[] = [];
    await runLoadJob({ path: file, datasetDir: dir }, (p) => reports.push(p.bytesRead));
    const m = store.refresh(id)!;
    const source = storeArraySource(dir, m);
    const block = await source.read({ start: [2999, 3990], count: [1, 10], step: [1, 1] });
    source.close();
    expect(Array.from(new Float32Array((block as { bytes: Uint8Array }).bytes.buffer))).toEqual(Array.from({ length: 10 }, (_, i) => 2999 * 4000 + 3990 + i));
    expect(reports.at(-1)).toBe(fs.statSync(file).size);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
