// After the whole suite: nothing the tests started may be left in /dev/shm (a leaked segment fails the run).
import { readdirSync } from 'node:fs';

const list = (): string[] => {
  try {
    return readdirSync('/dev/shm').filter((f) => f.startsWith('arrayport'));
  } catch {
    return [];
  }
};

export default function setup(): () => void {
  const before = new Set(list());
  return () => {
    const left = list().filter((f) => !before.has(f));
    if (left.length > 0) throw new Error(`the tests left ${left.length} entries in /dev/shm: ${left.join(', ')}`);
  };
}
