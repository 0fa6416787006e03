// Loads h5wasm's Node build once per process and makes HDF5 errors throw instead of only printing.

import h5wasm from 'h5wasm/node';

export type H5Wasm = typeof h5wasm;
export type H5Module = Awaited<typeof h5wasm.ready>;

let loading: Promise<{ h5: H5Wasm; module: H5Module }> | undefined;

/**
 * The h5wasm namespace and its emscripten module. Without the throwing error handler a failed
 * HDF5 call prints to stderr and returns a negative id, and the export would go on writing garbage.
 */
export function loadH5(): Promise<{ h5: H5Wasm; module: H5Module }> {
  loading ??= h5wasm.ready.then((module) => {
    module.activate_throwing_error_handler();
    return { h5: h5wasm, module };
  });
  return loading;
}
