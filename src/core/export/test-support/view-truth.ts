// Test-only: NumPy/h5py read an exported view back and compare it with the store's own column files taken through the index.

import { numpy } from '../../store/numpy-oracle.js';
import type { DatasetManifest } from '../../store/manifest.js';

/**
 * The truth is NumPy's: every source column loaded from its segment .npy (dictionary columns as values[codes]),
 * taken at np.load(index) — never anything our code computed. Floats compare bit for bit in HDF5 and .npy and
 * by value (NaN positions, -0.0 sign) in CSV, where NaN payloads have no text.
 */
const SCRIPT = `
import csv, os, h5py
a = ARGS
cols = {c['name']: c for c in a['columns']}
names = a['chosen']

def load(c):
    s = c['storage']
    if s['kind'] == 'plain':
        col = np.load(os.path.join(a['dir'], s['file']))
    else:
        col = np.load(os.path.join(a['dir'], s['valuesFile']))[np.load(os.path.join(a['dir'], s['codesFile']))]
    return col.astype(c['dtype'])

idx = np.load(os.path.join(a['dir'], a['index'])) if a['index'] else None
sources = {nm: load(cols[nm]) for nm in names}
rows = len(idx) if idx is not None else len(next(iter(sources.values())))
want = np.empty(rows, dtype=[(nm, sources[nm].dtype) for nm in names])
for nm in names:
    want[nm] = sources[nm] if idx is None else sources[nm][idx]

def same_values(got, exp):
    if exp.dtype.kind == 'c':
        return same_values(got.real, exp.real) and same_values(got.imag, exp.imag)
    if exp.dtype.kind != 'f':
        return bool(np.array_equal(got, exp))
    nan = np.isnan(exp)
    if not np.array_equal(np.isnan(got), nan):
        return False
    u = {2: 'u2', 4: 'u4', 8: 'u8'}[exp.dtype.itemsize]
    return bool(np.array_equal(got[~nan].astype(exp.dtype).view(u), exp[~nan].view(u)))

def same_bits(got, exp):
    return bool(np.array_equal(np.ascontiguousarray(got).view(np.uint8), np.ascontiguousarray(exp).view(np.uint8)))

def text(b):
    try:
        return b.decode('utf-8')
    except UnicodeDecodeError:
        return b.decode('latin-1')

def digits(s):
    m = s.lower().split('e')[0].lstrip('+-').replace('.', '')
    return len(m.strip('0'))

out = {'rows': rows, 'bad': []}
if a.get('npy'):
    got = np.load(a['npy'])
    out['npyVersion'] = open(a['npy'], 'rb').read(7)[6]
    out['npyDescr'] = got.dtype.descr == want.dtype.descr
    out['npyBytes'] = got.shape == want.shape and got.tobytes() == want.tobytes()
if a.get('h5'):
    with h5py.File(a['h5'], 'r') as f:
        node = f[a['h5path']]
        out['attrs'] = {k: (v.item() if hasattr(v, 'item') else v) for k, v in node.attrs.items() if k in ('row_selection', 'view', 'source_rows', 'column_reasons')}
        for nm in names:
            got = node[nm][()] if isinstance(node, h5py.Group) else node[()][nm]
            exp = want[nm].astype('u1') if want[nm].dtype.kind == 'b' else want[nm]
            if len(got) != rows or not (same_bits(got, exp) if exp.dtype.kind == 'f' else np.array_equal(got, exp)):
                out['bad'].append('h5:' + nm)
        if isinstance(node, h5py.Dataset):
            out['h5Names'] = list(node.dtype.names)
if a.get('csv'):
    with open(a['csv'], newline='', encoding='utf-8') as fh:
        table = list(csv.reader(fh))
    out['csvHeader'] = table[0]
    body = table[1:]
    out['csvRows'] = len(body)
    longer = 0
    for k, nm in enumerate(names):
        exp = want[nm]
        cells = [r[k] for r in body]
        kind = exp.dtype.kind
        if kind == 'f':
            ok = same_values(np.array([float(c) for c in cells]).astype(exp.dtype), exp)
            if exp.dtype.itemsize < 8:
                longer += sum(1 for c, v in zip(cells, exp) if np.isfinite(v) and digits(c) > digits(np.format_float_scientific(v, unique=True)))
        elif kind == 'c':
            ok = same_values(np.array([complex(c) for c in cells]).astype(exp.dtype), exp)
        elif kind in 'iu':
            ok = np.array_equal(np.array([int(c) for c in cells], dtype=exp.dtype), exp)
        elif kind == 'b':
            ok = cells == ['True' if v else 'False' for v in exp]
        elif kind == 'S':
            ok = cells == [text(v) for v in exp]
        else:
            ok = cells == [str(v) for v in exp]
        if not ok:
            out['bad'].append('csv:' + nm)
    out['csvLongerThanNumpy'] = longer
    if a.get('numpyReaders'):
        g = np.genfromtxt(a['csv'], delimiter=',', names=True, dtype=want.dtype)
        out['bad'] += ['genfromtxt:' + nm for nm in names if not same_values(g[nm], want[nm])]
        plain = [k for k, nm in enumerate(names) if want[nm].dtype.kind != 'b']
        l = np.loadtxt(a['csv'], delimiter=',', skiprows=1, usecols=plain, dtype=[(names[k], want[names[k]].dtype) for k in plain])
        out['bad'] += ['loadtxt:' + names[k] for k in plain if not same_values(l[names[k]], want[names[k]])]
print(json.dumps(out))
`;

export interface TruthReport {
  readonly rows: number;
  readonly bad: string[];
  readonly npyVersion?: number;
  readonly npyDescr?: boolean;
  readonly npyBytes?: boolean;
  readonly attrs?: Record<string, string | number>;
  readonly h5Names?: string[];
  readonly csvHeader?: string[];
  readonly csvRows?: number;
  readonly csvLongerThanNumpy?: number;
}

export interface TruthRequest {
  readonly dir: string;
  readonly manifest: DatasetManifest;
  /** Columns in output order. */
  readonly chosen: readonly string[];
  /** Index file in `dir`, or null for every row in order. */
  readonly index: string | null;
  readonly npy?: string;
  readonly h5?: string;
  /** The table's dataset or group in the HDF5 file. */
  readonly h5path?: string;
  readonly csv?: string;
  /** Also read the CSV with np.genfromtxt and np.loadtxt (numeric and bool columns only). */
  readonly numpyReaders?: boolean;
}

export function compareWithNumpy(req: TruthRequest): TruthReport {
  return numpy<TruthReport>(SCRIPT, { ...req, columns: req.manifest.columns });
}
