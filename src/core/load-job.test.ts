// A load job's progress reports: the columns first, then the first rows at once (not after the report interval).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { LoadProgress } from '../shared/dataset.js';
import { runLoadJob } from './load-job.js';
import { readManifest } from './store/manifest-file.js';
import { SegmentStore } from './store/segment-store.js';

const dir = mkdtempSync(join(tmpdir(), 'arrayport-load-job-'));
const store = SegmentStore.open({ prefix: 'arrayport-loadjob' });
// Awaited: dispose removes the session asynchronously, and a worker torn down first left it in /dev/shm (CI's leak check).
afterAll(async () => {
  await store.dispose();
  rmSync(dir, { recursive: true, force: true });
});

it('reports the columns with no rows, then the first committed rows straight after', async () => {
  const rows = 60_000;
  const path = join(dir, 'coverage.tsv');
  writeFileSync(path, Array.from({ length: rows }, (_, i) => `chr${1 + (i % 3)}\t${i * 7}\t${(i % 1000) / 10}\n`).join(''));
  const created = store.createDataset({ name: 'coverage.tsv', sourcePath: path, sourceBytes: 0, format: 'text', estimatedBytes: 0 });
  const reports: { progress: LoadProgress; columns: number }[] = [];
  const result = await runLoadJob({ path, datasetDir: created.dir }, (progress) => reports.push({ progress, columns: readManifest(created.dir).columns.length }));
  expect(result.rows).toBe(rows);
  expect(reports[0]).toMatchObject({ progress: { rows: 0, bytesRead: 0 }, columns: 3 });
  // The first commit (64 KiB of text, ~4,000 rows), not a later one: within the report interval of the first report.
  expect(reports[1]!.progress.rows).toBeGreaterThan(0);
  expect(reports[1]!.progress.rows).toBeLessThan(rows / 4);
  expect(reports.at(-1)!.progress.rows).toBe(rows);
});
