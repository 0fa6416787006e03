// Compute worker process: filters, sorts and summarises tables over the store, which would block a host's event loop.

import { computeApi } from '../core/compute/compute-job.js';
import { isWorkerProcess, serveWorkerApi } from './worker-runtime.js';

if (isWorkerProcess()) serveWorkerApi(computeApi);
