// Loads h5wasm's Node build once per process, on first use, and makes HDF5 errors throw instead of only printing.

import type h5wasm from 'h5wasm/node';

export type H5Wasm = typeof h5wasm;
export type H5Module = Awaited<typeof h5wasm.ready>;

let loading: Promise<{ h5: H5Wasm; module: H5Module }> | undefined;

/**
 * The h5wasm namespace and its emscripten module. Without the throwing error handler a failed
 * HDF5 call prints to stderr and returns a negative id, and the export would go on writing garbage.
 */
export function loadH5(): Promise<{ h5: H5Wasm; module: H5Module }> {
  // Imported here, not at the top: compiling its WebAssembly costs ~0.2 s, which a process that only writes tables
  // (the export worker behind convert) or a CLI command without HDF5 input should not pay at start.
  loading ??= import('h5wasm/node').then(async ({ default: h5 }) => {
    const module = await h5.ready;
    module.activate_throwing_error_handler();
    return { h5, module };
  });
  return loading;
}
