// Views through the real browser host in Chromium: filter, two-key sort, the statistics panel and histogram, export of the view read back by h5py and NumPy.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './fixtures/browser-host.js';

const ROWS = 200_000;
const CHRS = ['chr1', 'chr2', 'chrX', 'chr10'];
let dir: string;
let file: string;
let host: RunningHost;

/** NumPy's answer to `script` (ARGS = {file, out}), printed as JSON on its last line: the independent truth of every check. */
function numpy<T>(script: string, out = ''): T {
  const prelude = `import json, sys\nimport numpy as np\nARGS = json.loads(sys.argv[1])\na = np.loadtxt(ARGS['file'], dtype=[('chr','S5'),('pos','<i4'),('pct','<f8'),('c','<i4'),('t','<i4')], delimiter='\\t', skiprows=1)\n`;
  const text = execFileSync('/usr/bin/python3', ['-c', prelude + script, JSON.stringify({ file, out })], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(text.trim().split('\n').at(-1)!) as T;
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arrayport-e2e-views-'));
  file = join(dir, 'cov.tsv');
  let x = 7;
  const next = (): number => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['chr\tpos\tpct\tc\tt'];
  for (let i = 0; i < ROWS; i++) {
    const pct = next() < 0.01 ? 'nan' : String(Math.round(next() * 10000) / 100);
    lines.push(`${CHRS[Math.floor(next() * CHRS.length)]}\t${Math.floor(next() * 1_000_000)}\t${pct}\t${Math.floor(next() * 40)}\t${Math.floor(next() * 40)}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  host = await startHost([file]);
});

test.afterAll(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
  expect(readdirSync('/dev/shm').filter((f) => f.startsWith(`arrayport-${host.pid}-`))).toEqual([]);
});

const count = (n: number): string => n.toLocaleString('en-US');
const sig6 = (v: number): string => new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 }).format(v);
const cell = (page: Page, position: number, col: string): Locator => page.locator(`.ag-row[row-index="${position}"] .ag-cell[col-id="${col}"]`);
const fact = (card: Locator, term: string): Locator =>
  card.locator('.stat-row').filter({ has: card.page().locator('dt', { hasText: new RegExp(`^${term}$`) }) }).locator('dd');

test('filter, sort by two keys, read the statistics panel, export the view: h5py and NumPy agree', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(host.url);
  const datasets = page.getByRole('region', { name: 'Datasets' });
  await expect(datasets.locator('.badge-ready')).toHaveCount(1, { timeout: 120_000 });
  await datasets.getByRole('button', { name: 'Show cov.tsv' }).click();

  // Filter: N of M rows as NumPy counts them.
  const filter = page.getByLabel('Filter', { exact: true });
  await filter.fill('pct > 50 and chr == "chr1"');
  await filter.press('Enter');
  const truth = numpy<{ order: number[]; n: number }>(
    `idx = np.flatnonzero((a['pct'] > 50) & (a['chr'] == b'chr1'))\nperm = np.lexsort((a['pos'][idx], -a['c'][idx]))\nprint(json.dumps(dict(order=idx[perm][:5].tolist() + idx[perm][-1:].tolist(), n=len(idx))))`,
  );
  await expect(page.locator('output.view-count')).toHaveText(`${count(truth.n)} of ${count(ROWS)} rows`, { timeout: 60_000 });

  // Sort: c descending (two clicks), then pos ascending as the second key (shift-click); ties keep row order.
  const header = (col: string): Locator => page.locator(`.ag-header-cell[col-id="${col}"] .col-sort`);
  await header('c').click();
  await expect(header('c')).toHaveAccessibleName(/sorted ascending/, { timeout: 60_000 });
  await header('c').click();
  await expect(header('c')).toHaveAccessibleName(/sorted descending/, { timeout: 60_000 });
  await header('pos').click({ modifiers: ['Shift'] });
  await expect(header('pos')).toHaveAccessibleName(/sorted ascending, sort key 2 of 2/, { timeout: 60_000 });
  for (let k = 0; k < 5; k++) await expect(cell(page, k, '__row')).toHaveText(count(truth.order[k]!), { timeout: 30_000 });
  const goTo = page.getByLabel('Go to row');
  await goTo.fill(String(truth.n - 1));
  await goTo.press('Enter');
  await expect(cell(page, truth.n - 1, '__row')).toHaveText(count(truth.order[5]!), { timeout: 30_000 });

  // Statistics of pct over the view's rows, and one histogram bin, as NumPy computes them.
  await page.locator('.ag-header-cell[col-id="pct"]').getByRole('button', { name: 'Statistics of pct' }).click();
  const panel = page.getByRole('complementary', { name: 'Statistics' });
  const pct = panel.getByRole('region', { name: 'Statistics of pct' });
  const s = numpy<{ n: number; mean: number; std: number; hist: number[]; edges: number[]; distinct: number; posDistinct: number }>(
    `m = (a['pct'] > 50) & (a['chr'] == b'chr1')\nv = a['pct'][m]\nh, e = np.histogram(v, 40, range=(v.min(), v.max()))\n` +
      `print(json.dumps(dict(n=int(m.sum()), mean=float(v.mean()), std=float(v.std()), hist=h.tolist(), edges=e.tolist(), distinct=len(np.unique(v)), posDistinct=len(np.unique(a['pos'][m])))))`,
  );
  await expect(fact(pct, 'Count')).toHaveText(count(s.n), { timeout: 60_000 });
  await expect(fact(pct, 'Mean')).toHaveText(sig6(s.mean));
  await expect(fact(pct, 'Std')).toHaveText(sig6(s.std));
  await expect(fact(pct, 'Distinct')).toHaveText(count(s.distinct));
  await expect(fact(panel.getByRole('region', { name: 'Statistics of pos' }), 'Distinct')).toHaveText(count(s.posDistinct));
  const plot = pct.getByRole('img', { name: /^Histogram of pct: 40 bins/ });
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  const k = 17;
  await page.mouse.move(box.x + ((k + 0.5) / 40) * box.width, box.y + box.height - 2);
  await expect(pct.getByRole('tooltip')).toHaveText(`[${sig6(s.edges[k]!)}, ${sig6(s.edges[k + 1]!)})${count(s.hist[k]!)} rows`);

  // Export the current view (the dialog's default while a view is shown) to HDF5 and to .npy.
  for (const [format, name] of [['HDF5', 'view.h5'], ['NumPy .npy', 'view.npy']] as const) {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Export / });
    await expect(dialog.getByRole('radio', { name: /^Current view/ })).toBeChecked();
    await dialog.getByRole('radio', { name: new RegExp(`^${format.replace('.', '\\.')}`) }).check();
    await dialog.getByLabel('Destination path').fill(join(dir, name));
    await dialog.getByRole('button', { name: /^Export( again)?$/ }).click();
    await expect(dialog.getByText('Export done')).toBeVisible({ timeout: 120_000 });
    await expect(dialog).toContainText(join(dir, name));
    await dialog.getByRole('button', { name: 'Close' }).click();
  }
  const same = numpy<boolean[]>(
    `import h5py\nidx = np.flatnonzero((a['pct'] > 50) & (a['chr'] == b'chr1'))\nidx = idx[np.lexsort((a['pos'][idx], -a['c'][idx]))]\nwant = a[idx]\n` +
      `got = h5py.File(ARGS['out'] + '/view.h5', 'r')['cov'][()]\nnpy = np.load(ARGS['out'] + '/view.npy')\n` +
      `print(json.dumps([len(got) == len(idx), all(np.array_equal(got[c], want[c], equal_nan=want[c].dtype.kind == 'f') for c in want.dtype.names), npy.dtype == want.dtype, bool(np.array_equal(npy, want))]))`,
    dir,
  );
  expect(same).toEqual([true, true, true, true]);
});
