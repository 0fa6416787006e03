// Reads the machine's and processes' memory for the memory panel (Linux /proc, with portable fallbacks).

import { readFileSync } from 'node:fs';
import { freemem, totalmem } from 'node:os';

/** total − available, as `free` reports "used" (MemAvailable counts reclaimable cache as free). */
export function systemMemory(): { totalBytes: number; usedBytes: number } {
  const total = totalmem();
  try {
    const m = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'latin1'));
    if (m) return { totalBytes: total, usedBytes: total - Number(m[1]) * 1024 };
  } catch {
    // not Linux: fall through
  }
  return { totalBytes: total, usedBytes: total - freemem() };
}

/** Resident set size of another process in bytes, or undefined when it cannot be read (gone, or not Linux). */
export function processRss(pid: number): number | undefined {
  if (pid === process.pid) return process.memoryUsage.rss();
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
