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
  const partial = join(dirname(destination), `.${basename(destination)}.${process.pid}-${randomBytes(6).toString('hex')}.partial`);
  unfinished.add(partial);
  if (unfinished.size === 1 && !exitHooked) {
    exitHooked = true;
    process.on('exit', removeUnfinished);
  }
  return partial;
}

/** Temporaries this process has started and not yet committed or discarded. */
const unfinished = new Set<string>();
let exitHooked = false;

/**
 * A worker whose host died exits at once (process.exit on 'disconnect'): nobody would be left to remove its
 * temporary, so it goes as the process exits. Only a SIGKILL skips this; the host (or the next export to the same
 * destination) removes a killed writer's temporary by its pid.
 */
function removeUnfinished(): void {
  for (const p of unfinished) {
    try {
      rmSync(p, { force: true });
    } catch {
      // Exiting anyway; removeStalePartials() finds it later.
    }
  }
  unfinished.clear();
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
  unfinished.delete(partial);
}

/** Removes a temporary; never throws, since it runs while another error is being reported. */
export function discardPartial(partial: string): void {
  unfinished.delete(partial);
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
