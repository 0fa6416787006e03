// Where the worker entry files are for plain Node hosts: built .js beside this file, or the .ts sources under tsx.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ForkEntry } from '../core/pool/fork-spawner.js';
import type { WorkerKind } from '../core/pool/spawn.js';

export function nodeWorkerEntries(): Record<WorkerKind, ForkEntry> {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = (name: string): ForkEntry => {
    const path = fileURLToPath(new URL(`../workers/${name}.worker.${fromSource ? 'ts' : 'js'}`, import.meta.url));
    if (!existsSync(path)) throw new Error(`worker entry missing: ${path} (run npm run build)`);
    // Running from sources (tests, development) needs a TypeScript loader in the child too, minus its cost on h5wasm.
    const execArgv = fromSource ? ['--import', import.meta.resolve('tsx'), '--import', import.meta.resolve('../core/pool/dev-load-hooks.ts')] : [];
    return { path, execArgv };
  };
  return { loader: entry('loader'), export: entry('export'), h5reader: entry('h5-reader'), compute: entry('compute') };
}
