// Following a table in the store while a writer commits it: snapshots grow with the commits, widen with the columns, end with the load.

import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../load-error.js';
import type { DatasetWriter } from '../store/dataset-writer.js';
import { openDatasetReader } from '../store/dataset-reader.js';
import { readManifest } from '../store/manifest-file.js';
import { useTempStore } from '../store/test-support/temp-store.js';
import { followTable } from './loading-table.js';

const temp = useTempStore('arrayporttest-follow');
const writer = (): DatasetWriter => temp.writer('cov.tsv');

const ints = (from: number, n: number): Int32Array => Int32Array.from({ length: n }, (_, k) => from + k);

describe('followTable', () => {
  it('gives a snapshot per commit, a wider column once widened, and a final one when the load is ready', async () => {
    const w = writer();
    w.begin([{ name: 'a', dtype: '<i4', reason: '' }]);
    const readers = { n: 0 };
    const table = followTable(w.dir, readManifest(w.dir), 'cov', (m) => {
      const r = openDatasetReader(w.dir, m);
      readers.n++;
      return {
        name: 'cov', rows: r.rows, attributes: {}, columns: m.columns.map((c) => ({ name: c.name, dtype: c.dtype })),
        readColumn: (i, first, count) => r.readColumn(m.columns[i]!.name, first, count),
        close: () => {
          readers.n--;
          r.close();
        },
      };
    });
    // Nothing committed yet: the first snapshot waits for the first commit.
    const firstSnapshot = table.next();
    await sleep(40);
    w.append(1000, [{ kind: 'fixed', data: ints(0, 1000) }]);
    w.commit();
    const s1 = await firstSnapshot;
    expect(s1.final).toBe(false);
    expect(s1.source.rows).toBe(1000);
    expect(Array.from(s1.source.readColumn(0, 995, 5) as Int32Array)).toEqual([995, 996, 997, 998, 999]);

    // No new rows: next() waits until there are.
    const second = table.next();
    let settled = false;
    void second.then(() => (settled = true));
    await sleep(40);
    expect(settled).toBe(false);
    w.widen(0, '<i8', 'a value needs 64 bits');
    w.append(500, [{ kind: 'fixed', data: BigInt64Array.from({ length: 500 }, (_, k) => 2n ** 40n + BigInt(k)) }]);
    w.commit();
    const s2 = await second;
    expect(s2.source.rows).toBe(1500);
    expect(s2.source.columns).toEqual([{ name: 'a', dtype: '<i8' }]);
    expect((s2.source.readColumn(0, 999, 2) as BigInt64Array)[1]).toBe(2n ** 40n);
    expect(readers.n).toBe(1);

    w.finish();
    const s3 = await table.next();
    expect(s3.final).toBe(true);
    expect(s3.source.rows).toBe(1500);
    table.close();
    expect(readers.n).toBe(0);
  });

  it('rejects with the load error, naming the file, line and column, when the load fails', async () => {
    const w = writer();
    w.begin([{ name: 'a', dtype: '<i4', reason: '' }]);
    w.append(10, [{ kind: 'fixed', data: ints(0, 10) }]);
    w.commit();
    const table = followTable(w.dir, readManifest(w.dir), 'cov', () => ({ name: 'cov', rows: 0, columns: [], attributes: {}, readColumn: () => new Int32Array(0), close: () => {} }));
    await table.next();
    w.fail({ file: '/data/cov.tsv', line: 7, column: 3, message: 'expected an integer', text: 'x7' });
    await expect(table.next()).rejects.toThrow("cov.tsv did not load: /data/cov.tsv:7:3: expected an integer: 'x7'");
  });

  it('rejects, naming the table, when its dataset is removed from the store while followed', async () => {
    const w = writer();
    w.begin([{ name: 'a', dtype: '<i4', reason: '' }]);
    const table = followTable(w.dir, readManifest(w.dir), 'cov', () => {
      throw new Error('nothing was committed, so nothing is opened');
    });
    const waiting = table.next();
    w.close();
    fs.rmSync(w.dir, { recursive: true, force: true });
    await expect(waiting).rejects.toThrow('cov.tsv is no longer in the store');
  });

  it('stops waiting with CancelledError once the export is aborted', async () => {
    const w = writer();
    w.begin([{ name: 'a', dtype: '<i4', reason: '' }]);
    const controller = new AbortController();
    const table = followTable(w.dir, readManifest(w.dir), 'cov', () => {
      throw new Error('nothing was committed, so nothing is opened');
    }, controller.signal);
    const waiting = table.next();
    setTimeout(() => controller.abort(), 30);
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
    w.close();
  });
});
