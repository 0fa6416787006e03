// Store sessions on disk: who owns a session directory, and removing those whose owner is gone.

import fs from 'node:fs';
import path from 'node:path';

export const SESSION_FILE = 'session.json';

export interface SessionInfo {
  readonly pid: number;
  /** /proc/<pid>/stat field 22 (clock ticks after boot): tells a reused pid from the owner. */
  readonly processStartTime?: string;
  /** ISO time the session was created. */
  readonly created: string;
}

/** The start time of `pid` from /proc (Linux); undefined where there is no /proc or the process is gone. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) may hold spaces and parentheses; the fields after its last ')' are plain.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[22 - 3];
  } catch {
    return undefined;
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Session directory names: `<prefix>-<pid>-<random>`. */
export function sessionDirPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)-([a-z0-9]+)$`);
}

export function currentSessionInfo(): SessionInfo {
  const start = processStartTime(process.pid);
  return { pid: process.pid, ...(start !== undefined ? { processStartTime: start } : {}), created: new Date().toISOString() };
}

/** Whether the process that made a session still runs (the same process: a reused pid does not count). */
export function isSessionOwnerAlive(info: Pick<SessionInfo, 'pid' | 'processStartTime'>): boolean {
  if (!isProcessAlive(info.pid)) return false;
  if (info.processStartTime === undefined) return true;
  const now = processStartTime(info.pid);
  return now === undefined || now === info.processStartTime;
}

/**
 * Removes `<root>/<prefix>-<pid>-<random>` directories whose owner is dead; returns their paths.
 * A directory without a readable session.json counts as owned by the pid in its name, so a
 * session caught between mkdir and writing session.json is left alone while that pid lives.
 */
export function sweepSessions(root: string, prefix: string): string[] {
  const pattern = sessionDirPattern(prefix);
  let entries: string[];
  try {
    entries = fs.readdirSync(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of entries) {
    const m = pattern.exec(name);
    if (!m) continue;
    const dir = path.join(root, name);
    let info: Pick<SessionInfo, 'pid' | 'processStartTime'> = { pid: Number(m[1]) };
    try {
      const parsed = JSON.parse(fs.readFileSync(path.join(dir, SESSION_FILE), 'utf8')) as SessionInfo;
      if (parsed.pid === info.pid) info = parsed;
    } catch {
      // No session.json yet (or a torn one): judge by the pid in the name alone.
    }
    if (isSessionOwnerAlive(info)) continue;
    try {
      fs.rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // Another store may be sweeping the same directory at the same moment; whoever wins, it goes.
    }
  }
  return removed;
}
