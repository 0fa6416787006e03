// N-d arrays through exportHdf5 in many small blocks, read back with h5py against numpy; an abort between blocks leaves nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../load-error.js';
import type { Hyperslab } from '../arrays/hyperslab.js';
import type { ArrayTreeSource } from './array-source.js';
import { arrayElementType } from './h5-array-plan.js';
import { exportHdf5 } from './h5-export.js';
import { expectFromSource, h5pyErrors, PYTHON } from './h5py-check.testing.js';
import { generatedColumns, memorySource } from './memory-source.testing.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'arrayport-h5-arrays-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** An array whose flat element e holds `value(e)` (as `dtype`), read by hyperslab like a store array. */
function memoryArray(name: string, shape: number[], dtype: string, value: (e: number) => number): ArrayTreeSource {
  const type = arrayElementType(dtype);
  const total = shape.reduce((a, b) => a * b, 1);
  const lanes = dtype.includes('c') ? 2 : 1;
  const flat = new Uint8Array(total * type.itemSize);
  const view = new DataView(flat.buffer);
  const size = type.itemSize / lanes;
  for (let e = 0; e < total * lanes; e++) {
    const v = value(e);
    if ((dtype.includes('f') || dtype.includes('c')) && size === 4) view.setFloat32(e * size, v, true);
    else if (dtype.includes('f') || dtype.includes('c')) view.setFloat64(e * size, v, true);
    else if (size === 1) view.setUint8(e, v);
    else if (size === 2) view.setInt16(e * 2, v, true);
    else view.setBigInt64(e * 8, BigInt(v), true);
  }
  const read = (slab: Hyperslab): Uint8Array => {
    const n = slab.count.reduce((a, b) => a * b, 1);
    const out = new Uint8Array(n * type.itemSize);
    for (let i = 0; i < n; i++) {
      let rem = i;
      let at = 0;
      const idx = new Array<number>(shape.length);
      for (let k = shape.length - 1; k >= 0; k--) {
        idx[k] = slab.start[k]! + (rem % slab.count[k]!);
        rem = Math.floor(rem / slab.count[k]!);
      }
      for (let k = 0; k < shape.length; k++) at = at * shape[k]! + idx[k]!;
      out.set(flat.subarray(at * type.itemSize, (at + 1) * type.itemSize), i * type.itemSize);
    }
    return out;
  };
  return { name, groups: [], datasets: [{ path: '', shape, type, tagDtype: true, attributes: { source_path: `${name}.npy` }, read }] };
}

const arrays = (): ArrayTreeSource[] => [
  memoryArray('split', [2, 3, 400_000], '<f4', (e) => e * 0.5),
  memoryArray('flags', [4, 5], '|b1', (e) => (e % 3 === 0 ? 7 : 0)),
  memoryArray('scalar', [], '<i8', () => -42),
  memoryArray('empty', [0, 3], '<f8', () => 0),
  memoryArray('wave', [3, 2], '<c8', (e) => e - 2.25),
  memoryArray('deep', [2, 3, 4, 5, 6, 7, 2, 2], '<i2', (e) => e - 5000),
];

const CHECK = `
import json, sys, numpy as np, h5py
a = json.load(sys.stdin)
with h5py.File(a['h5'], 'r') as f:
    res = {}
    n = 2*3*400000; res['split'] = f['split'].dtype == np.float32 and np.array_equal(f['split'][()], (np.arange(n) * 0.5).astype(np.float32).reshape(2, 3, 400000))
    res['flags'] = f['flags'].dtype == np.uint8 and f['flags'].attrs['numpy_dtype'] == '|b1' and np.array_equal(f['flags'][()], (np.arange(20) % 3 == 0).astype(np.uint8).reshape(4, 5))
    res['scalar'] = f['scalar'].shape == () and f['scalar'].dtype == np.int64 and f['scalar'][()] == -42
    res['empty'] = f['empty'].shape == (0, 3) and f['empty'].dtype == np.float64
    w = (np.arange(12, dtype=np.float32) - np.float32(2.25)).view(np.complex64).reshape(3, 2)
    res['wave'] = f['wave'].dtype == np.complex64 and np.array_equal(f['wave'][()], w)
    res['deep'] = f['deep'].dtype == np.int16 and np.array_equal(f['deep'][()], (np.arange(2*3*4*5*6*7*2*2) - 5000).astype(np.int16).reshape(2, 3, 4, 5, 6, 7, 2, 2))
    res['attrs'] = f['split'].attrs['source_path'] == 'split.npy' and f['split'].compression == 'gzip'
    print(json.dumps({k: bool(v) for k, v in res.items()}))
`;

describe('exportHdf5 with N-d arrays', () => {
  it('writes arrays of any rank in bounded blocks, equal to numpy, with bool as uint8 and complex as h5py complex', async () => {
    const h5 = join(dir, 'arrays.h5');
    let calls = 0;
    const result = await exportHdf5([], { destination: h5, layout: 'compound', compression: { kind: 'gzip', level: 1 }, blockBytes: 1, arrays: arrays(), onProgress: () => calls++ });
    expect(calls).toBeGreaterThan(6);
    expect(result.datasets.map((d) => [d.name, d.dtype])).toEqual([['/split', '<f4'], ['/flags', '|u1'], ['/scalar', '<i8'], ['/empty', '<f8'], ['/wave', '<c8'], ['/deep', '<i2']]);
    const got = JSON.parse(execFileSync(PYTHON, ['-c', CHECK], { input: JSON.stringify({ h5 }), encoding: 'utf8' })) as Record<string, boolean>;
    expect(got).toEqual({ split: true, flags: true, scalar: true, empty: true, wave: true, deep: true, attrs: true });
  }, 60_000);

  it('writes tables exported together with arrays through h5wasm too (chunked, gzip without shuffle), equal to their source', async () => {
    const h5 = join(dir, 'mixed.h5');
    const rows = 30_000;
    const table = memorySource('coverage', rows, generatedColumns([
      { name: 'chr', dtype: '|S10' }, { name: 'pos', dtype: '<i4' }, { name: 'pct', dtype: '<f4' }, { name: 'flag', dtype: '|b1' }, { name: 'n', dtype: '<i8' },
    ], rows, 4), { attributes: { source_path: '/x/coverage.tsv', source_bytes: 123 } });
    const result = await exportHdf5([table], { destination: h5, layout: 'compound', compression: { kind: 'gzip', level: 2 }, chunkRows: 4096, blockBytes: 1 << 16, arrays: arrays() });
    expect(result.datasets.map((d) => d.name)).toEqual(['/coverage', '/split', '/flags', '/scalar', '/empty', '/wave', '/deep']);
    expect(h5pyErrors(dir, h5, [expectFromSource(dir, '/coverage', 'compound', table, { chunks: 4096, gzip: 2 })])).toEqual([]);
    const got = JSON.parse(execFileSync(PYTHON, ['-c', CHECK], { input: JSON.stringify({ h5 }), encoding: 'utf8' })) as Record<string, boolean>;
    expect(got).toEqual({ split: true, flags: true, scalar: true, empty: true, wave: true, deep: true, attrs: true });
  }, 60_000);

  it('stops between blocks on abort and leaves neither the file nor its temporary', async () => {
    const h5 = join(dir, 'aborted.h5');
    const controller = new AbortController();
    const run = exportHdf5([], {
      destination: h5, layout: 'compound', compression: { kind: 'none' }, blockBytes: 1, arrays: arrays(), signal: controller.signal,
      onProgress: (p) => {
        if (p.bytesWritten > 0) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(readdirSync(dir).filter((f) => f.includes('aborted'))).toEqual([]);
  }, 60_000);
});
