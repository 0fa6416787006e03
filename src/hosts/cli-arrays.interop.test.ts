// `convert` of NumPy arrays and HDF5 files against independent truth: every value, shape, dtype and attribute as numpy and h5py read the originals.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { python, runCli } from './test-support/run-cli.js';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'arrayport-cli-arrays-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * For each [hdf5 path, .npy/.npz file, npz member or null]: np.load's array equals h5py's, bit for bit
 * (NaN payloads too), same shape and dtype (byte order aside: the store keeps little-endian), and
 * 'numpy_dtype' names the source dtype.
 */
const COMPARE_NPY = `
import json, sys, numpy as np, h5py
a = json.load(sys.stdin)
out = []
with h5py.File(a['h5'], 'r') as f:
    for path, src, member in a['sets']:
        want = np.load(src)[member] if member else np.load(src)
        d = f[path]
        got = d[()]
        same_bits = np.ascontiguousarray(got).tobytes() == np.ascontiguousarray(want.astype(want.dtype.newbyteorder('<'))).tobytes()
        out.append(dict(path=path, shape=list(got.shape) == list(want.shape), dtype=got.dtype == want.dtype.newbyteorder('<'),
                        equal=bool(np.array_equal(got, want)) and same_bits, tag=d.attrs['numpy_dtype'] == want.dtype.newbyteorder('<').str,
                        chunked=d.chunks is not None, gzip=d.compression))
print(json.dumps(out))
`;

/**
 * Walks each original HDF5 file; every dataset not named in 'skipped' must be at /<base>/<path> with the
 * same shape, values and dtype (byte order aside; bool enum as uint8), and every attribute equal.
 */
const COMPARE_H5 = `
import json, sys, os, numpy as np, h5py
a = json.load(sys.stdin)
problems, checked = [], 0
def same(x, y):
    x, y = np.asarray(x), np.asarray(y)
    if x.shape != y.shape: return False
    if x.dtype.kind in 'fc': return np.ascontiguousarray(x).astype(x.dtype.newbyteorder('<')).tobytes() == np.ascontiguousarray(y).astype(y.dtype.newbyteorder('<')).tobytes()
    return bool(np.array_equal(x, y))
with h5py.File(a['h5'], 'r') as out:
    for src in a['files']:
        base = os.path.basename(src).split('.')[0]
        with h5py.File(src, 'r') as f:
            def visit(name, o):
                global checked
                p = base + '/' + name
                if p in a['skipped'] or isinstance(o, h5py.Datatype): return
                if p not in out: problems.append('missing ' + p); return
                c = out[p]
                if isinstance(o, h5py.Dataset):
                    x, y = o[()], c[()]
                    dt_ok = c.dtype == o.dtype.newbyteorder('<') or c.dtype == o.dtype or (h5py.check_string_dtype(o.dtype) and h5py.check_string_dtype(c.dtype))
                    if not (same(x, y) and dt_ok): problems.append(f'{p}: {o.dtype}{o.shape} vs {c.dtype}{c.shape}')
                    if a['gzip'] and c.shape and c.compression != 'gzip' and not h5py.check_string_dtype(c.dtype): problems.append(f'{p}: not gzip')
                    checked += 1
                for k, v in o.attrs.items():
                    if k not in c.attrs or not same(v, c.attrs[k]): problems.append(f'{p}: attribute {k}')
            f.visititems(visit)
            for k, v in f.attrs.items():
                if k not in out[base].attrs or not same(v, out[base].attrs[k]): problems.append(f'{base}: root attribute {k}')
print(json.dumps(dict(problems=problems, checked=checked)))
`;

describe('convert copies arrays with their shapes and dtypes', () => {
  it('writes .npy/.npz arrays as N-d datasets equal to np.load (Fortran order, big-endian, complex, 3-D) and structured arrays as tables', () => {
    const npy = (f: string): string => join(CORPUS, 'numpy', f);
    const files = ['npyz__f-order.npy', 'ndarray-npy__example_f64_big_endian_fortran.npy', 'npyjs__100x100x100-float32.npy', 'ndarray-npy__example_c64_big_endian_standard.npy', 'scipy__carex_20_data.npz', 'npyz__structured.npy'];
    const h5 = join(dir, 'npy.h5');
    const r = runCli(['convert', ...files.map(npy), '-o', h5, '--compression', 'gzip=1']);
    expect(r.stderr).not.toMatch(/error|warning/i);
    expect(r.code).toBe(0);
    const sets = [
      ['npyz__f-order', npy('npyz__f-order.npy'), null],
      ['ndarray-npy__example_f64_big_endian_fortran', npy('ndarray-npy__example_f64_big_endian_fortran.npy'), null],
      ['npyjs__100x100x100-float32', npy('npyjs__100x100x100-float32.npy'), null],
      ['ndarray-npy__example_c64_big_endian_standard', npy('ndarray-npy__example_c64_big_endian_standard.npy'), null],
      ...['A', 'B', 'Q', 'R'].map((m) => [m, npy('scipy__carex_20_data.npz'), m]),
    ];
    const got = python<{ path: string; shape: boolean; dtype: boolean; equal: boolean; tag: boolean; chunked: boolean; gzip: string }[]>(COMPARE_NPY, { h5, sets });
    for (const g of got) expect(g, g.path).toEqual({ path: g.path, shape: true, dtype: true, equal: true, tag: true, chunked: true, gzip: 'gzip' });
    const structured = python<{ equal: boolean }>(
      `import json, sys, numpy as np, h5py\na = json.load(sys.stdin)\nwith h5py.File(a['h5'], 'r') as f: print(json.dumps(dict(equal=bool(np.array_equal(f['npyz__structured'][()], np.load(a['src']))))))`,
      { h5, src: npy('npyz__structured.npy') },
    );
    expect(structured.equal).toBe(true);
  }, 240_000);

  it('copies every readable dataset of HDF5 files under /<file>/<path>, with groups and attributes, and warns once per dataset it leaves out', () => {
    // A reader process per input file: a few files that between them hold every case (szip, 8-D, NeXus attributes, scalars, compounds).
    const names = ['nexpy__example.nxs', 'h5wasm__compressed.h5', 'jhdf__test_odd_datasets_earliest.hdf5', 'jhdf__compound_datasets_latest.hdf5'];
    const files = names.map((n) => join(CORPUS, 'hdf5', n));
    const h5 = join(dir, 'copy.h5');
    const r = runCli(['convert', ...files, '-o', h5, '--compression', 'gzip']);
    expect(r.code, r.stderr).toBe(0);
    const warned = [...r.stderr.matchAll(/^warning: (\S+?)\.\S*?:(\/\S+): dataset skipped: (.+)$/gm)].map((m) => `${m[1]}${m[2]}`);
    // What h5wasm cannot write: no null dataspace, no vlen strings inside compounds, no array or vlen-sequence types.
    expect(warned.sort()).toEqual([
      'jhdf__compound_datasets_latest/array_vlen_chunked_compound', 'jhdf__compound_datasets_latest/array_vlen_contiguous_compound',
      'jhdf__compound_datasets_latest/chunked_compound', 'jhdf__compound_datasets_latest/contiguous_compound',
      'jhdf__compound_datasets_latest/vlen_chunked_compound', 'jhdf__compound_datasets_latest/vlen_contiguous_compound',
      'jhdf__test_odd_datasets_earliest/contiguous_no_storage',
    ]);
    expect(r.stderr).toMatch(/contiguous_no_storage: dataset skipped: it holds no values \(null dataspace\)/);
    const got = python<{ problems: string[]; checked: number }>(COMPARE_H5, { h5, files, skipped: warned, gzip: true });
    expect(got.problems).toEqual([]);
    expect(got.checked).toBeGreaterThanOrEqual(9);
  }, 240_000);

  it('refuses an array of a dtype HDF5 cannot hold with one line naming it and the dtype, and writes nothing', () => {
    const h5 = join(dir, 'f16.h5');
    const r = runCli(['convert', join(CORPUS, 'numpy', 'npyjs__10-float16.npy'), join(CORPUS, 'numpy', 'npyz__f-order.npy'), '-o', h5]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toBe('arrayport: npyjs__10-float16.npy: cannot be written to HDF5: dtype <f2: float16 cannot be written (h5wasm creates float32 and float64 only)');
    expect(existsSync(h5)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('f16.h5'))).toEqual([]);
  }, 120_000);

  it('fails without an output file when nothing of an HDF5 input can be copied', () => {
    const h5 = join(dir, 'lz4.h5');
    const r = runCli(['convert', join(CORPUS, 'hdf5', 'jhdf__lz4_datasets.hdf5'), '-o', h5]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/nothing could be copied \(20 left out\): jhdf__lz4_datasets\.hdf5:\/float32_bs0: dataset skipped: compressed with the LZ4 \(32004\) filter/);
    expect(readdirSync(dir).filter((f) => f.includes('lz4.h5'))).toEqual([]);
  }, 120_000);
});
