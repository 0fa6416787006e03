// Export worker process: writes HDF5 with h5wasm, which is synchronous and would block a host's event loop.

import { exportApi } from '../core/export-job.js';
import { isWorkerProcess, serveWorkerApi } from './worker-runtime.js';

if (isWorkerProcess()) serveWorkerApi(exportApi);
