// Every HDF5 file of the corpus opens in the reader with values equal to h5py's, or says clearly why a dataset (or file) cannot be read.
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { H5TreeNode } from '../../shared/array-view.js';
import { readArrayLod, readArraySlice } from '../arrays/array-reads.js';
import { LoadError } from '../load-error.js';
import { createReaderApi } from './h5-reader-api.js';

const BASE = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const nop = (): void => {};
/** Per file: datasets that open and compare equal, and those refused with a message matching `refused`. */
type Want = { datasets: number; refused?: number; message?: RegExp } | { openError: RegExp };

const CORPUS: Record<string, Want> = {
  'hdf5/MAT.jl__sparse.mat': { datasets: 14 },
  'hdf5/h5py__vlen_string_s390x.h5': { datasets: 5 },
  'hdf5/h5wasm__array.h5': { datasets: 6 },
  'hdf5/h5wasm__compressed.h5': { datasets: 4 },
  'hdf5/jhdf__chunked_v4_datasets.hdf5': { datasets: 53 },
  'hdf5/jhdf__compound_datasets_latest.hdf5': { datasets: 10 },
  'hdf5/jhdf__float_special_values_latest.hdf5': { datasets: 3 },
  'hdf5/jhdf__lz4_datasets.hdf5': { datasets: 0, refused: 20, message: /LZ4 \(32004\) filter, which this build cannot decode/ },
  'hdf5/jhdf__test_compressed_chunked_datasets_earliest.hdf5': { datasets: 5, refused: 5, message: /LZF \(32000\) filter/ },
  'hdf5/jhdf__test_odd_datasets_earliest.hdf5': { datasets: 4 },
  'hdf5/jhdf__test_scalar_empty_datasets_latest.hdf5': { datasets: 22 },
  'hdf5/jhdf__tiny_huge_1d_over_maxint.hdf5': { datasets: 1 },
  'hdf5/netcdf-c__ref_szip.h5': { datasets: 1 },
  'hdf5/netcdf4-python__20171025_2056.Cloud_Top_Height.nc': { datasets: 34 },
  'hdf5/nexpy__chopper.nxs': { datasets: 34 },
  'hdf5/nexpy__example.nxs': { datasets: 4 },
  'hdf5/pytables__blosc_bigendian.h5': { datasets: 0, refused: 4, message: /Blosc \(32001\) filter/ },
  'hdf5/scipy__testhdf5_7.4_GLNX86.mat': { datasets: 1 },
  'malformed/netcdf-c__ref_test_corrupt_magic.nc': { datasets: 2 },
  'malformed/netcdf4-python__ubyte.nc': { openError: /not a readable HDF5 file: .*signature/ },
};

/** h5py's values of the named datasets: LE bytes for numbers, bool and fixed strings; text for vlen strings; compound rows count. */
const DUMP = `
import sys, json, base64, numpy as np, h5py
out = {}
with h5py.File(sys.argv[1], 'r') as f:
    for p in json.loads(sys.argv[2]):
        d = f[p]
        if d.shape is None: out[p] = {'empty': True}; continue
        if d.dtype.names: out[p] = {'rows': int(np.prod(d.shape))}; continue
        a = d[()] if d.size <= 1_000_000 else None
        if a is None: out[p] = {'big': True}; continue
        if d.dtype.kind == 'O': a = np.array(a, dtype=object)
        a = np.asarray(a)
        if a.dtype.kind == 'O': out[p] = {'strings': [x.decode() if isinstance(x, bytes) else str(x) for x in a.ravel().tolist()]}; continue
        if a.dtype.byteorder == '>': a = a.astype(a.dtype.newbyteorder('<'))
        out[p] = {'shape': list(a.shape), 'bytes': base64.b64encode(np.ascontiguousarray(a).tobytes()).decode()}
print(json.dumps(out))
`;

function datasets(n: H5TreeNode): H5TreeNode[] {
  return [...(n.kind === 'dataset' ? [n] : []), ...(n.children ?? []).flatMap(datasets)];
}

describe('HDF5 files of the corpus', () => {
  for (const [name, want] of Object.entries(CORPUS)) {
    it(name, async () => {
      const file = path.join(BASE, name);
      const api = createReaderApi();
      const opened = await api.open({ path: file }, nop).catch((e: unknown) => e);
      if ('openError' in want) {
        expect(opened).toBeInstanceOf(LoadError);
        expect((opened as LoadError).message).toMatch(want.openError);
        return;
      }
      if (opened instanceof Error) throw opened;
      const all = datasets((opened as { tree: H5TreeNode }).tree);
      const refused = all.filter((d) => d.problem);
      const ok = all.filter((d) => !d.problem);
      expect({ datasets: ok.length, refused: refused.length }).toEqual({ datasets: want.datasets, refused: want.refused ?? 0 });
      for (const d of refused) {
        expect(d.problem).toMatch(want.message!);
        await expect(api.layout({ path: d.path }, nop)).rejects.toThrow(want.message!);
      }
      const truth = JSON.parse(execFileSync('/usr/bin/python3', ['-c', DUMP, file, JSON.stringify(ok.map((d) => d.path))], { encoding: 'utf8', maxBuffer: 1 << 28 })) as Record<string, Record<string, unknown>>;
      for (const d of ok) {
        const t = truth[d.path]!;
        const layout = await api.layout({ path: d.path }, nop);
        if (t.empty) {
          expect(layout.kind === 'array' && layout.note, d.path).toMatch(/empty/);
          continue;
        }
        if (t.rows !== undefined) {
          expect(layout.kind === 'table' && layout.rows, d.path).toBe(t.rows);
          const cols = await api.readRows({ path: d.path, first: 0, count: t.rows as number }, nop);
          expect(cols.every((c) => c.data.values.length === t.rows), d.path).toBe(true);
          continue;
        }
        if (t.big) continue;
        if (layout.kind !== 'array') throw new Error(`${d.path}: expected an array`);
        const slab = { start: layout.shape.map(() => 0), count: layout.shape, step: layout.shape.map(() => 1) };
        const block = await api.readSlab({ path: d.path, slab }, nop);
        if (t.strings) expect(block.kind === 'strings' && block.values, d.path).toEqual(t.strings);
        else {
          expect(layout.shape, d.path).toEqual(t.shape);
          expect(block.kind === 'bytes' && Buffer.from(block.bytes).toString('base64'), d.path).toBe(t.bytes);
        }
      }
    });
  }

  it('reads only the requested window of a 2.1e9-element dataset in a 2 MB file', async () => {
    const api = createReaderApi();
    await api.open({ path: path.join(BASE, 'hdf5/jhdf__tiny_huge_1d_over_maxint.hdf5') }, nop);
    const layout = await api.layout({ path: '/huge_1d' }, nop);
    expect(layout).toMatchObject({ kind: 'array', shape: [2147483700] });
    const source = { shape: [2147483700], dtype: '|u1', read: (slab: { start: readonly number[]; count: readonly number[]; step: readonly number[] }) => api.readSlab({ path: '/huge_1d', slab }, nop) };
    const t0 = performance.now();
    const s = await readArraySlice(source, 'x', { rowDim: 0, indices: [0], rowStart: 2147483653, rowCount: 12 });
    const ms = performance.now() - t0;
    expect(s.data.values).toEqual([0, 0, 11, 22, 33, 44, 55, 66, 77, 88, 0, 0]);
    expect(process.memoryUsage().rss).toBeLessThan(1.5e9);
    console.log(`huge_1d: 12 values at index 2147483653 in ${ms.toFixed(1)} ms`);
  });

  it('summarises a 2-d slice into min/max bins from a sample, and slices any two dims of an N-d array', async () => {
    const api = createReaderApi();
    await api.open({ path: path.join(BASE, 'hdf5/jhdf__test_odd_datasets_earliest.hdf5') }, nop);
    const source = { shape: [5, 5, 5], dtype: '<i2', read: (slab: { start: readonly number[]; count: readonly number[]; step: readonly number[] }) => api.readSlab({ path: '/1D_int16', slab }, nop) };
    const s = await readArraySlice(source, 'x', { rowDim: 2, colDim: 0, indices: [0, 3, 0], rowStart: 1, rowCount: 2, colStart: 0, colCount: 5 });
    // a[:, 3, 1:3].T in NumPy: element (i, 3, k) = 25 i + 15 + k
    expect(s.data.values).toEqual([16, 41, 66, 91, 116, 17, 42, 67, 92, 117]);
    const lod = await readArrayLod(source, 'x', { rowDim: 1, colDim: 2, indices: [4, 0, 0], rowBins: 2, colBins: 5 });
    expect(lod.min.slice(0, 5)).toEqual([100, 101, 102, 103, 104]);
    expect(lod.max.slice(5)).toEqual([120, 121, 122, 123, 124]);
  });
});
