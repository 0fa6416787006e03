// Independent truth for tests: loads a file with NumPy (/usr/bin/python3) and returns each column's raw little-endian bytes.

import { execFileSync } from 'node:child_process';

export interface NumpyColumn {
  name: string;
  dtype: string;
  /** Base64 of the column's little-endian bytes (numeric columns). */
  raw?: string;
  /** Base64 of each value (bytes columns). */
  strings?: string[];
}

const DUMP = `
import sys, json, base64, numpy as np
path = sys.argv[1]
arr = eval(sys.argv[2], {'np': np, 'path': path, 'nan': float('nan')})
arr = np.atleast_1d(arr)
out = []
for name in arr.dtype.names:
    col = arr[name]
    if col.dtype.kind == 'S':
        out.append({'name': name, 'dtype': col.dtype.str, 'strings': [base64.b64encode(x).decode() for x in col.tolist()]})
    else:
        le = np.ascontiguousarray(col.astype(col.dtype.newbyteorder('<')))
        out.append({'name': name, 'dtype': le.dtype.str, 'raw': base64.b64encode(le.tobytes()).decode()})
print(json.dumps(out))
`;

/** Runs `expr` (Python, with `np`, `path` and `nan` in scope) that must give a structured array. */
export function numpyColumns(path: string, expr: string): NumpyColumn[] {
  const out = execFileSync('/usr/bin/python3', ['-c', DUMP, path, expr], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return JSON.parse(out) as NumpyColumn[];
}

/** Python's float() of each text, as float64 bits (base64 of little-endian bytes). */
export function pythonFloatBits(texts: string[]): string {
  const code = 'import sys,json,struct,base64; v=json.loads(sys.stdin.read()); print(base64.b64encode(struct.pack("<%dd" % len(v), *[float(x) for x in v])).decode())';
  return execFileSync('/usr/bin/python3', ['-c', code], { input: JSON.stringify(texts), encoding: 'utf8' }).trim();
}
