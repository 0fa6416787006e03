// Test-only: checks an exported file with h5py/numpy (an independent reader) against the raw bytes a source holds.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDType } from '../../shared/dtype.js';
import type { ColumnSource, DictionaryBytes, FixedBytes } from './column-source.js';

export const PYTHON = '/usr/bin/python3';

/** What one exported source should look like to h5py. */
export interface ExpectedDataset {
  readonly path: string;
  readonly layout: 'compound' | 'columns';
  readonly rows: number;
  /** Column link/member names as written (after name cleaning). */
  readonly columns: readonly { name: string; numpy: string; h5py: string; source: string; file: string }[];
  readonly attrs: Record<string, string | number>;
  readonly chunks?: number;
  /** Written contiguous (no chunks, maxshape = shape), as h5py writes an uncompressed array by default. */
  readonly contiguous?: boolean;
  readonly gzip?: number;
  /** The shuffle filter runs before gzip (tables are written so; h5wasm-written arrays are not). */
  readonly shuffle?: boolean;
  /** A Python literal of the structured dtype h5py must report, spelled out by the test itself. */
  readonly expectDtype?: string;
}

/**
 * Dumps every column of `source` (the raw bytes it hands the writer) to `dir`, so numpy can
 * rebuild the expected arrays without any of the writer's code.
 */
export function expectFromSource(dir: string, path: string, layout: 'compound' | 'columns', source: ColumnSource, extra: Partial<ExpectedDataset> = {}): ExpectedDataset {
  const columns = source.columns.map((c, i) => {
    const numpy = parseDType(c.dtype).descr;
    const read = source.readColumn(i, 0, source.rows);
    const v = ArrayBuffer.isView(read) || !('codes' in read) ? read : expandDictionary(read);
    const file = join(dir, `${path.replace(/\W/g, '_')}_${i}.bin`);
    const bytes = ArrayBuffer.isView(v) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : v.bytes;
    writeFileSync(file, bytes);
    // The one documented difference: h5wasm cannot write the enum h5py reads as bool, so bool arrives as uint8.
    const h5py = numpy === '|b1' ? '|u1' : numpy;
    const sourceDtype = ArrayBuffer.isView(v) ? (numpy === '|b1' ? '|u1' : numpy) : `|S${v.width}`;
    return { name: extra.columns?.[i]?.name ?? c.name, numpy, h5py, source: sourceDtype, file };
  });
  return { path, layout, rows: source.rows, attrs: source.attributes, ...extra, columns };
}

/** Dictionary codes → fixed-width bytes, value by value (deliberately not the writer's table copy). */
function expandDictionary(d: DictionaryBytes): FixedBytes {
  const bytes = new Uint8Array(d.codes.length * d.width);
  d.codes.forEach((code, r) => {
    for (let k = 0; k < d.width; k++) bytes[r * d.width + k] = d.values[code * d.width + k]!;
  });
  return { width: d.width, bytes };
}

const SCRIPT = String.raw`
import sys, json, ast
import numpy as np, h5py
spec = json.load(open(sys.argv[1]))
errors = []
def err(m): errors.append(m)

def expected(c):
    raw = np.fromfile(c['file'], dtype=np.dtype(c['source']))
    return raw.astype(np.dtype(c['numpy']))

def same(where, got, exp):
    if got.shape != exp.shape:
        err(f'{where}: shape {got.shape} != {exp.shape}'); return
    if exp.dtype.kind == 'f':
        u = f'u{exp.dtype.itemsize}'
        bad = ~(np.isnan(got) & np.isnan(exp)) & (got.view(u) != exp.view(u))
    elif exp.dtype.kind == 'b':
        bad = (got.astype(bool) != exp) | ((got != 0) & (got != 1))
    else:
        bad = got != exp
    n = int(np.count_nonzero(bad))
    if n:
        i = int(np.argmax(bad))
        err(f'{where}: {n} values differ, first at row {i}: {got[i]!r} != {exp[i]!r}')

def same_attr(where, got, want):
    if isinstance(want, str):
        if not isinstance(got, str) or got != want: err(f'{where}: {got!r} != {want!r}')
    elif isinstance(want, int):
        if not (isinstance(got, np.integer) and got.dtype == np.int64 and int(got) == want): err(f'{where}: {got!r} is not int64 {want}')
    else:
        if not (isinstance(got, np.floating) and got.dtype == np.float64 and (got == want or (np.isnan(got) and np.isnan(want)))): err(f'{where}: {got!r} is not float64 {want}')

def filters(where, ds, d):
    if d.get('contiguous'):
        if ds.chunks is not None or ds.maxshape != ds.shape: err(f'{where}: not contiguous: chunks {ds.chunks}, maxshape {ds.maxshape}')
        h5d = ds.id.get_create_plist()
        if h5d.get_layout() != h5py.h5d.CONTIGUOUS: err(f'{where}: layout {h5d.get_layout()}')
    elif ds.maxshape != (None,): err(f'{where}: maxshape {ds.maxshape}')
    if d.get('chunks') is not None and ds.chunks != (d['chunks'],): err(f'{where}: chunks {ds.chunks} != {d["chunks"]}')
    want = 'gzip' if d.get('gzip') else None
    if ds.compression != want or (want and ds.compression_opts != d['gzip']): err(f'{where}: compression {ds.compression} {ds.compression_opts}')
    if bool(ds.shuffle) != bool(d.get('shuffle')): err(f'{where}: shuffle {ds.shuffle}')

with h5py.File(spec['file'], 'r') as f:
    # f['/'], not f: h5py 3.7 lists a File alphabetically even when it tracks creation order (same for files h5py writes).
    if 'order' in spec and list(f['/'].keys()) != spec['order']: err(f'root keys {list(f["/"].keys())} != {spec["order"]}')
    for d in spec['datasets']:
        p, cols = d['path'], d['columns']
        if p not in f: err(f'{p}: missing'); continue
        obj = f[p]
        for k, v in d['attrs'].items():
            if k not in obj.attrs: err(f'{p}: attribute {k} missing')
            else: same_attr(f'{p}@{k}', obj.attrs[k], v)
        if d['layout'] == 'compound':
            want = np.dtype([(c['name'], c['h5py']) for c in cols])
            if obj.dtype != want: err(f'{p}: dtype {obj.dtype.descr} != {want.descr}')
            if 'expectDtype' in d and obj.dtype != np.dtype(ast.literal_eval(d['expectDtype'])): err(f'{p}: dtype {obj.dtype.descr} != {d["expectDtype"]}')
            if obj.shape != (d['rows'],): err(f'{p}: shape {obj.shape}')
            if json.loads(obj.attrs['numpy_dtype']) != [[c['name'], c['numpy']] for c in cols]: err(f'{p}: numpy_dtype {obj.attrs["numpy_dtype"]}')
            filters(p, obj, d)
            arr = obj[...]
            for c in cols: same(f'{p}.{c["name"]}', arr[c['name']], expected(c))
        else:
            if not isinstance(obj, h5py.Group): err(f'{p}: not a group'); continue
            if list(obj.keys()) != [c['name'] for c in cols]: err(f'{p}: members {list(obj.keys())}')
            for c in cols:
                if c['name'] not in obj: continue
                ds = obj[c['name']]
                if ds.dtype != np.dtype(c['h5py']): err(f'{p}/{c["name"]}: dtype {ds.dtype.str} != {c["h5py"]}')
                if ds.attrs.get('numpy_dtype') != c['numpy']: err(f'{p}/{c["name"]}: numpy_dtype {ds.attrs.get("numpy_dtype")!r}')
                filters(f'{p}/{c["name"]}', ds, d)
                same(f'{p}/{c["name"]}', ds[...], expected(c))
print(json.dumps(errors))
`;

/** Runs the h5py check; returns the list of differences (empty when the file is exactly as expected). */
export function h5pyErrors(dir: string, file: string, datasets: readonly ExpectedDataset[], order?: readonly string[]): string[] {
  const specFile = join(dir, 'spec.json');
  writeFileSync(specFile, JSON.stringify({ file, datasets, ...(order ? { order } : {}) }));
  const out = execFileSync(PYTHON, ['-c', SCRIPT, specFile], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out) as string[];
}

/** `h5dump -H` must accept the file (throws with its stderr otherwise). */
export function h5dumpHeader(file: string): string {
  return execFileSync('/usr/bin/h5dump', ['-H', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
}
