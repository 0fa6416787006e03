// Module hooks for worker processes started from the TypeScript sources (tests, development): h5wasm loads as it is.
// tsx rewrites the dynamic imports of every ES module it loads and builds a source map for it; for h5wasm's 4 MB
// Emscripten file that takes 5–6 s of each export or HDF5 reader process's start-up. Plain JavaScript needs neither.

import { readFile } from 'node:fs/promises';
import { register, type LoadHook } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const H5WASM = /\/node_modules\/h5wasm\/dist\/node\/[^/]+\.js$/;

export const load: LoadHook = async (url, context, nextLoad) => {
  if (H5WASM.test(url)) return { format: 'module', source: await readFile(new URL(url)), shortCircuit: true };
  return nextLoad(url, context);
};

// Imported with --import after tsx: register this file as hooks that run before tsx's. Node loads hooks on a
// thread of their own, where this module is imported again and must not register itself a second time.
if (isMainThread) register(import.meta.url);
