// A host process with a load running and waiting to be SIGKILLed: prints its session directory and worker pids once the load is under way.
import { startHost, workerPids, datasetState } from './fault-harness.js';

const [prefix, file] = process.argv.slice(2);
const service = startHost({ prefix: prefix! });
const [id] = await service.openPaths([file!]);
await datasetState(service, id!, (d) => d.state === 'loading');
const workers = await workerPids(service, 'loader');
process.stdout.write(`${JSON.stringify({ dir: service.store.placement(id!)!.dir, workers })}\n`);
setInterval(() => undefined, 1000);
