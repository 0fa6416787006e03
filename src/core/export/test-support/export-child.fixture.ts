// Test-only process: runs an export and stops dead after its first block, so the test can kill it mid-write.

import { runExportJob, type ExportJobRequest } from '../../export-job.js';

const req = JSON.parse(process.argv[2]!) as ExportJobRequest;
const stall = new Int32Array(new SharedArrayBuffer(4));
void runExportJob(req, () => {
  process.stdout.write('block\n');
  // Blocks the thread (the temporary stays half written) until the parent's SIGKILL.
  Atomics.wait(stall, 0, 0, 120_000);
});
