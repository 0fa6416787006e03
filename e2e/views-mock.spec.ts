// Views against the mock host's 20k-row sample: filter, bad expressions, Cancel, two-key sort, statistics, log scale and export of the view.
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { useMockRenderer } from './fixtures/static-server.js';

/** The mock's coverage_sample.tsv, written out independently of the renderer's code. */
const ROWS = 20_000;
const CHROMS = ['chr1', 'chr2', 'chr3', 'chr10', 'chrX'];
interface Row { i: number; chr: string; pos: number; pct: number; c: number; t: number }
const table: Row[] = Array.from({ length: ROWS }, (_, i) => {
  const c = (i * 13) % 41;
  const t = (i * 5) % 23;
  const pct = i % 37 === 0 ? NaN : c + t === 0 ? 0 : Math.fround(Math.round((10000 * c) / (c + t)) / 100);
  return { i, chr: CHROMS[(i * 7) % 5]!, pos: 1000 + ((i * 7919) % ROWS) * 50, pct, c, t };
});

const count = (n: number) => n.toLocaleString('en-US');
const sig6 = (v: number) => new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 }).format(v);
/** A float32 as NumPy prints it: shortest digits that read back, '.0' on whole numbers, 'nan'. */
function f32(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (Number.isInteger(v)) return `${v}.0`;
  for (let p = 1; p <= 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === v) return String(s);
  }
  return String(v);
}

useMockRenderer(test);

test.beforeEach(async ({ page }) => {
  await page.getByRole('button', { name: 'Show coverage_sample.tsv' }).click();
  await expect(page.locator('.grid-title')).toHaveText('coverage_sample.tsv');
});

const filterInput = (page: Page) => page.getByLabel('Filter', { exact: true });
const viewCount = (page: Page) => page.locator('output.view-count');
const cell = (page: Page, position: number, col: string) => page.locator(`.ag-row[row-index="${position}"] .ag-cell[col-id="${col}"]`);

async function applyFilter(page: Page, text: string) {
  await filterInput(page).fill(text);
  await filterInput(page).press('Enter');
}

async function expectRows(page: Page, rows: readonly Row[]) {
  for (const [k, r] of rows.entries()) {
    await expect(cell(page, k, '__row')).toHaveText(count(r.i));
    await expect(cell(page, k, 'chr')).toHaveText(r.chr);
    await expect(cell(page, k, 'pos')).toHaveText(String(r.pos));
    await expect(cell(page, k, 'pct')).toHaveText(f32(r.pct));
  }
}

test('a filter shows its progress, then N of M rows with their original row numbers', async ({ page }) => {
  const want = table.filter((r) => r.pct > 50 && r.chr === 'chr1');
  await applyFilter(page, 'pct > 50 and chr == "chr1"');
  await expect(page.getByRole('progressbar', { name: 'View progress' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel filter and sort' })).toBeVisible();
  await expect(viewCount(page)).toHaveText(`${count(want.length)} of ${count(ROWS)} rows`);
  await expectRows(page, want.slice(0, 4));
  await expect(page.getByRole('slider', { name: 'Row position' })).toHaveAttribute('max', String(want.length - 1));
  // Go to row counts positions of the view.
  await page.getByLabel('Go to row').fill(String(want.length - 1));
  await page.getByLabel('Go to row').press('Enter');
  await expect(cell(page, want.length - 1, '__row')).toHaveText(count(want.at(-1)!.i));
});

test('a bad expression says what is wrong next to the input and keeps the previous view', async ({ page }) => {
  const want = table.filter((r) => r.c + r.t >= 50);
  await applyFilter(page, 'c + t >= 50');
  await expect(viewCount(page)).toHaveText(`${count(want.length)} of ${count(ROWS)} rows`);
  await applyFilter(page, 'pc > 50');
  const alert = page.locator('.filter-bar').getByRole('alert');
  await expect(alert).toHaveText("unknown column 'pc' at column 1 (columns: chr, pos, pct, c, t)");
  await expect(filterInput(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(viewCount(page)).toHaveText(`${count(want.length)} of ${count(ROWS)} rows`);
  await expectRows(page, want.slice(0, 2));
  await applyFilter(page, 'pct >');
  await expect(alert).toHaveText('unexpected end of expression at column 6');
});

test('Cancel stops a running view and the previous one stays', async ({ page }) => {
  await applyFilter(page, 'isnan(pct)');
  const nan = table.filter((r) => Number.isNaN(r.pct));
  await expect(viewCount(page)).toHaveText(`${count(nan.length)} of ${count(ROWS)} rows`);
  await applyFilter(page, 'c > 3');
  await page.getByRole('button', { name: 'Cancel filter and sort' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Cancelled; the previous view stays.' })).toBeVisible();
  await expect(viewCount(page)).toHaveText(`${count(nan.length)} of ${count(ROWS)} rows`);
  await expectRows(page, nan.slice(0, 2));
});

test('header clicks sort by two keys through the view, with the filter kept', async ({ page }) => {
  await applyFilter(page, 'pct > 50');
  const kept = table.filter((r) => r.pct > 50);
  await expect(viewCount(page)).toHaveText(`${count(kept.length)} of ${count(ROWS)} rows`);
  const header = (col: string) => page.locator(`.ag-header-cell[col-id="${col}"] .col-sort`);
  // The row-number column is no dataset column: its header names itself and offers no sort or statistics button.
  await expect(page.locator('.ag-header-cell[col-id="__row"]')).toHaveText('row#');
  await expect(page.locator('.ag-header-cell[col-id="__row"] button')).toHaveCount(0);
  await header('chr').click();
  await expect(header('chr')).toHaveAccessibleName('chr (bytes5), sorted ascending');
  await header('pos').click({ modifiers: ['Shift'] });
  await expect(header('pos')).toHaveAccessibleName('pos (int32), sorted ascending, sort key 2 of 2');
  await header('pos').click({ modifiers: ['Shift'] });
  await expect(header('pos')).toHaveAccessibleName('pos (int32), sorted descending, sort key 2 of 2');
  await expect(header('chr')).toHaveAccessibleName('chr (bytes5), sorted ascending, sort key 1 of 2');
  await expect(page.locator('.ag-header-cell[col-id="pos"] .sort-mark')).toHaveText('↓2');
  await expect(page.locator('.sort-chip')).toContainText('chr ↑, pos ↓');
  const sorted = [...kept].sort((a, b) => (a.chr < b.chr ? -1 : a.chr > b.chr ? 1 : b.pos - a.pos || a.i - b.i));
  await expect(viewCount(page)).toHaveText(`${count(kept.length)} of ${count(ROWS)} rows`);
  await expectRows(page, sorted.slice(0, 5));
  // The last rows: chrX (text order puts chr10 before chr2), lowest positions.
  await page.getByLabel('Go to row').fill(String(sorted.length - 1));
  await page.getByLabel('Go to row').press('Enter');
  await expect(cell(page, sorted.length - 1, '__row')).toHaveText(count(sorted.at(-1)!.i));
  await expect(cell(page, sorted.length - 1, 'chr')).toHaveText('chrX');
  // A third click on the primary key turns sorting off (and drops the other key).
  await header('chr').click();
  await header('chr').click();
  await expect(page.locator('.sort-chip')).toHaveCount(0);
  await expectRows(page, kept.slice(0, 2));
});

/** The text of a fact (Count, Mean…) on a column's statistics card. */
const fact = (card: Locator, term: string) => card.locator('.stat-row').filter({ has: card.page().locator('dt', { hasText: new RegExp(`^${term}$`) }) }).locator('dd');

test('the Statistics panel follows the view: values, top values, histogram tooltip and log scale', async ({ page }) => {
  await applyFilter(page, 'chr == "chr2"');
  const rows = table.filter((r) => r.chr === 'chr2');
  await expect(viewCount(page)).toHaveText(`${count(rows.length)} of ${count(ROWS)} rows`);
  await page.locator('.ag-header-cell[col-id="pct"]').getByRole('button', { name: 'Statistics of pct' }).click();
  const panel = page.getByRole('complementary', { name: 'Statistics' });
  await expect(panel).toContainText(`Over the ${count(rows.length)} rows that match the filter`);

  const values = rows.map((r) => r.pct).filter((v) => !Number.isNaN(v));
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pct = panel.getByRole('region', { name: 'Statistics of pct' });
  await expect(fact(pct, 'Count')).toHaveText(count(rows.length));
  await expect(fact(pct, 'Missing')).toContainText(count(rows.length - values.length));
  await expect(fact(pct, 'Min')).toHaveText(f32(min));
  await expect(fact(pct, 'Max')).toHaveText(f32(max));
  await expect(fact(pct, 'Mean')).toHaveText(sig6(mean));
  await expect(fact(pct, 'Std')).toHaveText(sig6(std));
  await expect(fact(pct, 'Distinct')).toHaveText(count(new Set(values).size));
  const chr = panel.getByRole('region', { name: 'Statistics of chr' });
  await expect(chr.getByRole('list', { name: 'Most frequent values of chr' })).toHaveText(`chr2${count(rows.length)}`);

  // np.histogram(values, 40, range=(min, max)), written out here.
  const bins = 40;
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? max : min + (k * (max - min)) / bins));
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    let k = Math.min(bins - 1, Math.floor(((v - min) * bins) / (max - min)));
    if (v < edges[k]!) k--;
    else if (k < bins - 1 && v >= edges[k + 1]!) k++;
    counts[k]!++;
  }
  const plot = pct.getByRole('img', { name: /^Histogram of pct: 40 bins/ });
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  const k = 9;
  await page.mouse.move(box.x + ((k + 0.5) / bins) * box.width, box.y + box.height - 2);
  await expect(pct.getByRole('tooltip')).toHaveText(`[${sig6(edges[k]!)}, ${sig6(edges[k + 1]!)})${count(counts[k]!)} rows`);

  const bars = pct.locator('rect.hist-bar');
  await expect(bars).toHaveCount(bins);
  const smallest = counts.indexOf(Math.min(...counts.filter((n) => n > 0)));
  const linear = Number(await bars.nth(smallest).getAttribute('height'));
  await panel.getByLabel('Log scale').check();
  await expect(pct.locator('svg[data-scale="log"]')).toBeVisible();
  const logHeight = Number(await bars.nth(smallest).getAttribute('height'));
  expect(logHeight).toBeCloseTo((72 * Math.log1p(counts[smallest]!)) / Math.log1p(Math.max(...counts)), 3);
  expect(logHeight).toBeGreaterThan(linear);

  // A new view: the panel asks again and follows it.
  await applyFilter(page, 'chr == "chr2" and c > 20');
  const fewer = rows.filter((r) => r.c > 20);
  await expect(fact(pct, 'Count')).toHaveText(count(fewer.length));
});

interface SentRequest { datasetIds: string[]; destination: string; format?: string; views?: boolean; layout: string }
/** The mock host the page puts on window.arrayportMock (?mock pages only). */
interface MockHandle {
  exportRequests(): SentRequest[];
  listDatasets(): Promise<{ id: string; name: string }[]>;
}
const sent = (page: Page) => page.evaluate(() => (window as unknown as { arrayportMock: MockHandle }).arrayportMock.exportRequests());

test('Export writes the current view as CSV; .npy and CSV take one table; left-out datasets are listed', async ({ page }) => {
  await applyFilter(page, 'pct >= 90');
  await expect(viewCount(page)).toHaveText(`${count(table.filter((r) => r.pct >= 90).length)} of ${count(ROWS)} rows`);
  await page.locator('.ag-header-cell[col-id="pos"] .col-sort').click();
  await expect(page.locator('.sort-chip')).toContainText('pos ↑');
  await page.getByRole('button', { name: /^Columns/ }).click();
  const chooser = page.getByRole('dialog', { name: 'Choose columns' });
  await chooser.getByRole('checkbox', { name: 't', exact: true }).uncheck();
  await chooser.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('.ag-header-cell[col-id="t"]')).toHaveCount(0);

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Export / });
  await expect(dialog.getByRole('radio', { name: /^Current view/ })).toBeChecked();
  await dialog.getByRole('radio', { name: /^CSV/ }).check();
  await expect(page.getByRole('dialog', { name: 'Export CSV' })).toBeVisible();
  await expect(dialog.getByLabel('Destination path')).toHaveValue('/data/coverage_sample.csv');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText('Export done')).toBeVisible({ timeout: 15_000 });
  const sampleId = await page.evaluate(async () => {
    const list = await (window as unknown as { arrayportMock: MockHandle }).arrayportMock.listDatasets();
    return list.find((d) => d.name === 'coverage_sample.tsv')!.id;
  });
  expect((await sent(page)).at(-1)).toMatchObject({ datasetIds: [sampleId], destination: '/data/coverage_sample.csv', format: 'csv', views: true });

  // A second dataset: .npy and CSV are off (and say why); the form falls back to HDF5.
  await dialog.getByRole('checkbox', { name: 'sst_cube.npy' }).check();
  await expect(page.getByRole('dialog', { name: 'Export HDF5' })).toBeVisible();
  await expect(dialog.getByRole('radio', { name: /^NumPy \.npy/ })).toBeDisabled();
  await expect(dialog).toContainText('NumPy .npy and CSV hold one table: choose exactly one table dataset (2 chosen).');
  await expect(dialog.getByLabel('Destination path')).toHaveValue('/data/coverage_sample.h5');
  await dialog.getByRole('button', { name: 'Export again' }).click();
  await expect(dialog.getByRole('list', { name: 'Left out of the export' })).toHaveText('sst_cube.npy: left out: an N-d array has no view (export it whole)', { timeout: 15_000 });
  expect((await sent(page)).at(-1)).toMatchObject({ format: 'hdf5', views: true, destination: '/data/coverage_sample.h5' });
});
