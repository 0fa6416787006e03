// Runs one command and measures it from outside: wall time, and peak memory of its whole process tree plus shared memory it adds.

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statfsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface Measured {
  readonly seconds: number;
  /** Peak of the summed RSS of the command and all its descendants. */
  readonly peakTreeRssBytes: number;
  /** Peak growth of /dev/shm use during the run (store segments, SharedMemory blocks): in no process's RSS. */
  readonly peakShmBytes: number;
  readonly stdout: string;
  readonly code: number | null;
}

function children(): Map<number, number[]> {
  const tree = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = tree.get(ppid) ?? [];
      list.push(Number(name));
      tree.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  return tree;
}

function rss(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The command's process and all its descendants, found by one pass over /proc. */
function treeOf(root: number): number[] {
  const tree = children();
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(tree.get(pid) ?? []));
  }
  return out;
}

function shmUsed(): number {
  try {
    const s = statfsSync('/dev/shm');
    return (s.blocks - s.bfree) * s.bsize;
  } catch {
    return 0;
  }
}

/**
 * Samples RSS every 50 ms and looks for new descendants every 250 ms: a pass over all of /proc costs enough CPU
 * (on a 2-core machine) to slow the measured command down when done at every sample.
 */
export async function measure(command: string, args: readonly string[], env: Record<string, string> = {}): Promise<Measured> {
  const shmBase = shmUsed();
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  let stdout = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  let peakTree = 0;
  let peakShm = 0;
  let tree: number[] = [];
  let scanned = -Infinity;
  const timer = setInterval(() => {
    if (child.pid === undefined) return;
    if (performance.now() - scanned > 250) {
      tree = treeOf(child.pid);
      scanned = performance.now();
    }
    peakTree = Math.max(peakTree, tree.reduce((sum, pid) => sum + rss(pid), 0));
    peakShm = Math.max(peakShm, shmUsed() - shmBase);
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  return { seconds: (performance.now() - started) / 1000, peakTreeRssBytes: peakTree, peakShmBytes: Math.max(0, peakShm), stdout, code };
}
