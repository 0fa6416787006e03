// A process that opens a store, admits one dataset and waits to be killed: the sweep test's dead owner.

import { SegmentStore } from './segment-store.js';

const [shmRoot, diskRoot, prefix] = process.argv.slice(2);
const store = SegmentStore.open({ shmRoot: shmRoot!, diskRoot: diskRoot!, prefix: prefix! });
const { dir } = store.createDataset({ name: 'c', sourcePath: '/c', sourceBytes: 1, format: 'text', estimatedBytes: 1 << 20 });
const big = store.createDataset({ name: 'd', sourcePath: '/d', sourceBytes: 1, format: 'text', estimatedBytes: 1e15 });
process.stdout.write(`${JSON.stringify([dir, big.dir])}\n`);
setInterval(() => undefined, 1000);
