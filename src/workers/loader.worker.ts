// Loader worker process: parses one file at a time into the segment store for the host's pool.

import { loaderApi } from '../core/load-job.js';
import { isWorkerProcess, serveWorkerApi } from './worker-runtime.js';

if (isWorkerProcess()) serveWorkerApi(loaderApi);
