// A host process with an export running and waiting to be SIGKILLed: prints the export worker's pid once its temporary exists.
import { readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { startHost, workerPids, datasetState } from './fault-harness.js';

const [prefix, file, destination] = process.argv.slice(2) as [string, string, string];
const service = startHost({ prefix });
const [id] = await service.openPaths([file]);
await datasetState(service, id!, (d) => d.state === 'ready');
await service.startExport({ datasetIds: [id!], destination, layout: 'compound', compression: { kind: 'gzip', level: 9 }, chunkRows: 4096 });
const started = (): boolean => readdirSync(dirname(destination)).some((f) => f.startsWith(`.${basename(destination)}.`));
while (!started()) await new Promise((r) => setTimeout(r, 5));
process.stdout.write(`${JSON.stringify({ workers: await workerPids(service, 'export') })}\n`);
setInterval(() => undefined, 1000);
