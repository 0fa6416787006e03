// Runs the arrayport CLI from its sources in a child process, as a user would run it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], cwd?: string): CliRun {
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), cli, ...args], { encoding: 'utf8', cwd, timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a Python script with /usr/bin/python3 (NumPy and h5py from Debian), passing `args` as JSON on stdin; returns parsed JSON stdout. */
export function python<T>(script: string, args: unknown): T {
  const r = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(args), encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
