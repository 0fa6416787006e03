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

function treeRss(root: number): number {
  const tree = children();
  let sum = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    sum += rss(pid);
    stack.push(...(tree.get(pid) ?? []));
  }
  return sum;
}

function shmUsed(): number {
  try {
    const s = statfsSync('/dev/shm');
    return (s.blocks - s.bfree) * s.bsize;
  } catch {
    return 0;
  }
}

/** Samples every 25 ms: fine enough for multi-second runs, cheap enough not to disturb them. */
export async function measure(command: string, args: readonly string[], env: Record<string, string> = {}): Promise<Measured> {
  const shmBase = shmUsed();
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  let stdout = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  let peakTree = 0;
  let peakShm = 0;
  const timer = setInterval(() => {
    if (child.pid === undefined) return;
    peakTree = Math.max(peakTree, treeRss(child.pid));
    peakShm = Math.max(peakShm, shmUsed() - shmBase);
  }, 25);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  return { seconds: (performance.now() - started) / 1000, peakTreeRssBytes: peakTree, peakShmBytes: Math.max(0, peakShm), stdout, code };
}
