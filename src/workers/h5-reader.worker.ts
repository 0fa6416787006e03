// HDF5 reader worker process: holds one dropped HDF5 file open with h5wasm and answers the host's slice requests for it.

import { createReaderApi } from '../core/h5read/h5-reader-api.js';
import { isWorkerProcess, serveWorkerApi } from './worker-runtime.js';

if (isWorkerProcess()) serveWorkerApi(createReaderApi());
