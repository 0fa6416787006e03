// Views and statistics through the Node host (compute worker processes, row-index segments), checked against NumPy and h5py.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppService } from '../core/app-service.js';
import { forkSpawner } from '../core/pool/fork-spawner.js';
import { numpy } from '../core/store/numpy-oracle.js';
import { SegmentStore } from '../core/store/segment-store.js';
import type { DatasetInfo } from '../shared/dataset.js';
import { nodeWorkerEntries } from './worker-entries.js';

const ROWS = 60_000;
const CHRS = ['chr1', 'chr2', 'chrX', 'chr10', 'chrM'];
const prefix = `arrayport-test-views-${process.pid}`;
let dir: string;
let file: string;
let service: AppService;
let store: SegmentStore;
let id: string;

// The same columns NumPy reads from the file: every check below compares with this, never with our own output.
const DTYPE = "[('chr','S5'),('pos','i4'),('pct','f8'),('c','i4'),('t','i4')]";
const LOAD = `a = np.loadtxt(ARGS['file'], dtype=${DTYPE}, delimiter='\\t', skiprows=1)\n`;

/** Deterministic rows with ties, NaN and negative values (a small LCG, so the file is the same on every run). */
function writeTable(path: string): void {
  let x = 12345;
  const next = (): number => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines: string[] = ['chr\tpos\tpct\tc\tt'];
  for (let i = 0; i < ROWS; i++) {
    const pct = next() < 0.02 ? 'nan' : (Math.round(next() * 10000) / 100).toString();
    lines.push(`${CHRS[Math.floor(next() * CHRS.length)]}\t${Math.floor(next() * 500) - 20}\t${pct}\t${Math.floor(next() * 30)}\t${Math.floor(next() * 30)}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

async function until(check: (d: DatasetInfo) => boolean): Promise<DatasetInfo> {
  for (let i = 0; i < 600; i++) {
    const d = (await service.listDatasets()).find((x) => x.id === id)!;
    if (check(d)) return d;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out waiting for the dataset');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arrayport-views-'));
  file = join(dir, 'cov.tsv');
  writeTable(file);
  store = SegmentStore.open({ prefix });
  service = new AppService({ spawner: forkSpawner(nodeWorkerEntries()), store, loaderProcesses: 1 });
  [id] = (await service.openPaths([file])) as [string];
  const [info] = await service.idle([id]);
  expect(info!.state).toBe('ready');
}, 60_000);

afterAll(async () => {
  await service.dispose();
  rmSync(dir, { recursive: true, force: true });
  expect(readdirSync('/dev/shm').filter((f) => f.startsWith(prefix))).toEqual([]);
});

describe('views and statistics through the host', () => {
  it('computes the dataset statistics as its load ends, equal to NumPy', async () => {
    expect((await until((d) => d.stats === 'ready')).stats).toBe('ready');
    const stats = await service.columnStats(id, { columns: ['pct', 'pos', 'chr'] });
    expect(stats.viewId).toBeUndefined();
    expect(stats.columns.map((c) => c.name)).toEqual(['pct', 'pos', 'chr']);
    const truth = numpy<{ n: number; nan: number; min: number; max: number; mean: number; std: number; hist: number[]; edges: number[]; pmin: number; pmax: number; distinct: number }>(
      LOAD +
        `p = a['pct']; f = p[~np.isnan(p)]\nh, e = np.histogram(f, 50, range=(f.min(), f.max()))\n` +
        `print(json.dumps(dict(n=len(p), nan=int(np.isnan(p).sum()), min=float(f.min()), max=float(f.max()), mean=float(f.mean()), std=float(f.std()), hist=h.tolist(), edges=e.tolist(), pmin=int(a['pos'].min()), pmax=int(a['pos'].max()), distinct=len(np.unique(a['chr'])))))`,
      { file },
    );
    const [pct, pos, chr] = stats.columns as [typeof stats.columns[0], typeof stats.columns[0], typeof stats.columns[0]];
    expect(pct).toMatchObject({ count: truth.n, missing: truth.nan, min: truth.min, max: truth.max });
    // Float sums: our order of summation differs from NumPy's pairwise one; 1e-12 relative is far below display precision.
    expect(Math.abs(pct.mean! - truth.mean)).toBeLessThan(1e-12 * Math.abs(truth.mean));
    expect(Math.abs(pct.std! - truth.std)).toBeLessThan(1e-12 * truth.std);
    expect(pct.histogram!.counts).toEqual(truth.hist);
    expect(pct.histogram!.edges).toEqual(truth.edges);
    expect(pos).toMatchObject({ min: truth.pmin, max: truth.pmax, missing: 0 });
    expect(chr.distinct).toEqual({ value: truth.distinct, exact: true });
  });

  it('filters, sorts (stable, two keys) and chooses columns; windows carry original row numbers as NumPy orders them', async () => {
    const spec = { filter: 'pct > 50 and chr == "chr1"', sort: [{ column: 'c', descending: true }, { column: 'pos' }], columns: ['chr', 'pos', 'c'] };
    const view = await service.setView(id, spec);
    const order = numpy<number[]>(
      LOAD + `idx = np.flatnonzero((a['pct'] > 50) & (a['chr'] == b'chr1'))\nperm = np.lexsort((a['pos'][idx], -a['c'][idx]))\nprint(json.dumps(idx[perm].tolist()))`,
      { file },
    );
    expect(view).toMatchObject({ state: 'ready', rows: order.length });
    expect(view.indexBytes).toBeGreaterThanOrEqual(order.length * 4);
    const all = await service.readWindow(id, 0, order.length);
    expect(all.viewId).toBe(view.id);
    expect(all.totalRows).toBe(order.length);
    expect(all.rowNumbers).toEqual(order);
    expect(all.columns.map((c) => c.name)).toEqual(['chr', 'pos', 'c']);
    const tail = await service.readWindow(id, order.length - 5, 10);
    expect(tail.rowNumbers).toEqual(order.slice(-5));
    const info = (await service.listDatasets()).find((d) => d.id === id)!;
    expect(info.view).toMatchObject({ id: view.id, state: 'ready', rows: order.length });
  });

  it('computes statistics over the view’s rows only', async () => {
    const stats = await service.columnStats(id, { columns: ['pct', 't'] });
    const truth = numpy<{ n: number; tsum: number; tmax: number; pmin: number }>(
      LOAD + `m = (a['pct'] > 50) & (a['chr'] == b'chr1')\nprint(json.dumps(dict(n=int(m.sum()), tsum=int(a['t'][m].sum()), tmax=int(a['t'][m].max()), pmin=float(a['pct'][m].min()))))`,
      { file },
    );
    expect(stats.viewId).toBeDefined();
    expect(stats.rows).toBe(truth.n);
    const [pct, t] = stats.columns;
    expect(pct).toMatchObject({ count: truth.n, missing: 0, min: truth.pmin });
    expect(t!.max).toBe(truth.tmax);
    // Integer sums are exact in float64 at this size, so the mean is too.
    expect(t!.mean! * truth.n).toBeCloseTo(truth.tsum, 6);
  });

  it('rejects a bad expression with a one-line message and keeps the current view', async () => {
    const before = (await service.readWindow(id, 0, 1)).viewId;
    await expect(service.setView(id, { filter: 'pc > 50' })).rejects.toThrow(/unknown column 'pc'/);
    await expect(service.setView(id, { sort: [{ column: 'nope' }] })).rejects.toThrow(/unknown column 'nope'/);
    expect((await service.readWindow(id, 0, 1)).viewId).toBe(before);
  });

  it('exports the view to HDF5: h5py reads exactly the view’s rows and columns', async () => {
    await service.setView(id, { filter: 'isnan(pct) or t >= 25', sort: [{ column: 'chr' }], columns: ['pct', 'chr', 't'] });
    const destination = join(dir, 'view.h5');
    const jobId = await service.startExport({ datasetIds: [id], destination, layout: 'columns', compression: { kind: 'none' }, views: true });
    for (let i = 0; i < 600 && service.exportStatus(jobId)?.state === 'running'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(service.exportStatus(jobId)).toMatchObject({ state: 'done' });
    const same = numpy<boolean[]>(
      LOAD +
        `import h5py\nidx = np.flatnonzero(np.isnan(a['pct']) | (a['t'] >= 25))\nidx = idx[np.argsort(a['chr'][idx], kind='stable')]\n` +
        `g = h5py.File(ARGS['out'], 'r')['cov']\n` +
        `print(json.dumps([list(g.keys()) == ['chr', 'pct', 't'] or sorted(g.keys()) == ['chr', 'pct', 't'], np.array_equal(g['pct'][()], a['pct'][idx], equal_nan=True), np.array_equal(g['chr'][()], a['chr'][idx]), np.array_equal(g['t'][()], a['t'][idx])]))`,
      { file, out: destination },
    );
    expect(same).toEqual([true, true, true, true]);
  });

  it('cancels a view being computed and keeps the previous one; replaced views leave no index files behind', async () => {
    const before = (await service.readWindow(id, 0, 1)).viewId;
    const pending = service.setView(id, { sort: [{ column: 'pct', descending: true }, { column: 'pos' }] });
    await service.cancelView(id);
    await expect(pending).rejects.toThrow(/cancelled/);
    expect((await service.readWindow(id, 0, 1)).viewId).toBe(before);
    await service.setView(id, { filter: 'c < 3' });
    await service.setView(id, {});
    const whole = await service.readWindow(id, 5, 2);
    expect(whole.rowNumbers).toEqual([5, 6]);
    expect(whole.totalRows).toBe(ROWS);
    const datasetDir = store.placement(id)!.dir;
    // Removed once no job holds the dataset (the statistics job of the load may still be reading it).
    await expect.poll(() => readdirSync(datasetDir).filter((f) => f.startsWith('view-')), { timeout: 20_000 }).toEqual([]);
    await service.close(id);
    expect(existsSync(datasetDir)).toBe(false);
  });
});
