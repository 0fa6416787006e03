// Temporary files beside the destination: named so a stale one left by a killed worker can be found and removed.

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * `.<name>.<pid>-<random>.partial` in the destination's directory: the same filesystem, so the final
 * rename is atomic; hidden, so nobody opens it by mistake; the writer's pid, so a cleanup can tell
 * a dead writer's leftovers from an export still running in another process.
 */
export function partialPathFor(destination: string): string {
  return join(dirname(destination), `.${basename(destination)}.${process.pid}-${randomBytes(6).toString('hex')}.partial`);
}

/** Flushes the finished temporary to disk, then renames it over the destination. */
export function commitPartial(partial: string, destination: string): void {
  // Without fsync a crash soon after the rename can leave a destination that is empty or torn.
  const fd = openSync(partial, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, destination);
}

/** Removes a temporary; never throws, since it runs while another error is being reported. */
export function discardPartial(partial: string): void {
  try {
    rmSync(partial, { force: true });
  } catch {
    // Nothing more to do: removeStalePartials() finds it later.
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporaries of exports to `destination` whose writer process is gone (a killed worker
 * cannot clean up after itself). Temporaries of live writers are kept unless `includeLive`.
 * Returns the removed paths.
 */
export function removeStalePartials(destination: string, options: { includeLive?: boolean } = {}): string[] {
  const dir = dirname(destination);
  const prefix = `.${basename(destination)}.`;
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.partial')) continue;
    const m = /^(\d+)-[0-9a-f]+$/.exec(entry.slice(prefix.length, -'.partial'.length));
    if (!m) continue;
    if (!options.includeLive && processAlive(Number(m[1]))) continue;
    const path = join(dir, entry);
    rmSync(path, { force: true });
    removed.push(path);
  }
  return removed;
}
