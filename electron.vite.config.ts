// Builds the Electron main process (with its utility-process entries), the sandboxed preload and the renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          'loader.worker': resolve('src/workers/loader.worker.ts'),
          'export.worker': resolve('src/workers/export.worker.ts'),
          'h5-reader.worker': resolve('src/workers/h5-reader.worker.ts'),
          'compute.worker': resolve('src/workers/compute.worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    build: { minify: true, rolldownOptions: { input: { index: resolve('src/renderer/index.html') } } },
    plugins: [react()],
  },
});
