// Real NumPy (/usr/bin/python3) as the independent judge of files the store writes; used by tests only.

import { execFileSync } from 'node:child_process';

/**
 * Runs `script` with `args` bound to the Python name ARGS (JSON through stdin, so it may be large) and returns what
 * the script printed with print(json.dumps(...)) as its last line.
 */
export function numpy<T = unknown>(script: string, args: unknown = null): T {
  const prelude = 'import json, sys\nimport numpy as np\nARGS = json.load(sys.stdin)\n';
  const out = execFileSync('/usr/bin/python3', ['-c', prelude + script], {
    input: JSON.stringify(args),
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}
