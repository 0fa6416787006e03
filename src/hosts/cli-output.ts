// How the CLI reports failures: one line on stderr, `arrayport: FILE:LINE:COL: message`, no stack trace.

import { LoadError } from '../core/load-error.js';

/** A mistake in the command line itself (exit status 2). */
export class CliUsageError extends Error {}

/** Prints one line for `e` and returns the exit status. */
export function reportFailure(e: unknown): number {
  if (e instanceof CliUsageError) {
    process.stderr.write(`arrayport: ${e.message}\n`);
    return 2;
  }
  const message = e instanceof LoadError || e instanceof Error ? e.message : String(e);
  process.stderr.write(`arrayport: ${message.split('\n')[0]}\n`);
  if (process.env.ARRAYPORT_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return 1;
}

/** 1234567 → '1,234,567'. */
export const groupDigits = (n: number): string => n.toLocaleString('en-US');

/** Bytes as the user reads them: '272.8 MB'. */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}
