// The window against the in-memory mock host: datasets, first rows, Go to row at 1e8, memory, drop, copy and export.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { useMockRenderer } from './fixtures/static-server.js';

/** The mock's seed rows, written out independently of the renderer's code. */
function expectedRow(i: number) {
  const c = (i * 7) % 31;
  const t = (i * 11) % 29;
  const pct = c + t === 0 ? 0 : Math.fround(Math.round((10000 * c) / (c + t)) / 100);
  let shortest = String(pct);
  for (let p = 1; p <= 9; p++) {
    const s = Number(pct.toPrecision(p));
    if (Math.fround(s) === pct) {
      shortest = String(s);
      break;
    }
  }
  // NumPy prints integral floats with '.0' (100.0), and so does the grid.
  if (Number.isInteger(pct)) shortest = `${pct}.0`;
  return { chr: `chr${(Math.floor(i / 5_000_000) % 22) + 1}`, pos: String(10 * i + 1), pct: shortest, c: String(c), t: String(t) };
}

/** The row-number cell reading `label` (the pinned column shows original row numbers). */
const rowNumberCell = (page: Page, label: string) => page.locator('.ag-cell[col-id="__row"]', { hasText: new RegExp(`^${label}$`) });

/** The cells of the grid row whose row number reads `label`, by column id. */
async function rowCells(page: Page, label: string) {
  const numberCell = rowNumberCell(page, label);
  await expect(numberCell).toBeVisible();
  const index = await numberCell.locator('xpath=ancestor::div[@row-index][1]').getAttribute('row-index');
  return (col: string) => page.locator(`.ag-row[row-index="${index}"] .ag-cell[col-id="${col}"]`);
}

async function expectRowValues(page: Page, i: number) {
  const label = i.toLocaleString('en-US');
  const cell = await rowCells(page, label);
  const want = expectedRow(i);
  for (const [col, value] of Object.entries(want)) await expect(cell(col)).toHaveText(value);
}

useMockRenderer(test);

test('lists the mock datasets with state, progress and the loader error', async ({ page }) => {
  const datasets = page.getByRole('region', { name: 'Datasets' });
  for (const name of ['coverage_1e8.txt', 'coverage_chr1.txt', 'methylation_sample.tsv', 'broken_counts.tsv']) {
    await expect(datasets.getByRole('button', { name: `Show ${name}` })).toBeVisible();
    await expect(datasets.getByRole('button', { name: `Close ${name}` })).toBeVisible();
  }
  await expect(datasets.getByRole('progressbar', { name: 'Loading coverage_chr1.txt' })).toHaveAttribute('aria-valuenow', /\d+/);
  await expect(datasets.getByRole('alert')).toHaveText("/data/broken_counts.tsv:120002:3: value is not an integer: 'N/A'");
  await expect(datasets.getByText('100,000,000 rows')).toBeVisible();
});

test('shows the first rows with their values, and headers with dtypes', async ({ page }) => {
  await expect(page.locator('.ag-header-cell[col-id="pos"]')).toContainText('int32');
  await expect(page.locator('.ag-header-cell[col-id="pct"]')).toContainText('float32');
  for (const i of [0, 1, 2, 17]) await expectRowValues(page, i);
});

test('Go to row 99999999 shows the last row of 1e8 with its values', async ({ page }) => {
  await expectRowValues(page, 0);
  const input = page.getByLabel('Go to row');
  await input.fill('99999999');
  await input.press('Enter');
  await expectRowValues(page, 99_999_999);
  const cell = await rowCells(page, '99,999,999');
  await expect(cell('pos')).toBeInViewport();
  await expectRowValues(page, 99_999_998);
  const slider = page.getByRole('slider', { name: 'Row position' });
  await expect(slider).toHaveAttribute('max', '99999999');
  expect(Number(await slider.inputValue())).toBeGreaterThan(99_999_900);
  // And back into the middle through the navigator.
  await input.fill('50,000,000');
  await input.press('Enter');
  await expectRowValues(page, 50_000_000);
});

test('Ctrl+C copies the focused cell as text', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const cell = await rowCells(page, '2');
  await cell('pos').click();
  await page.keyboard.press('Control+c');
  await expect(page.getByRole('status').filter({ hasText: 'Copied pos of row 2' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('21');
  await rowNumberCell(page, '1').click();
  await rowNumberCell(page, '3').click({ modifiers: ['Shift'] });
  // ag-grid delivers the click after the mouse events; copy once the selection is drawn, as a person would.
  // (Each selected row is drawn in the pinned row-number part and in the data part.)
  await expect.poll(() => page.locator('.ag-row.row-selected').count()).toBeGreaterThanOrEqual(3);
  await page.keyboard.press('Control+c');
  await expect(page.getByRole('status').filter({ hasText: 'Copied 3 rows' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('chr\tpos\tpct\tc\tt\nchr1\t11\t38.89\t7\t11\nchr1\t21\t38.89\t14\t22\nchr1\t31\t84.0\t21\t4\n');
});

test('the Memory region shows store bytes that drop when a dataset is closed', async ({ page }) => {
  const memory = page.getByRole('region', { name: 'Memory' });
  const store = memory.getByLabel('Store bytes');
  await expect(store).toHaveText(/^\d+(\.\d+)? (B|KB|MB|GB)$/);
  await expect(memory.getByText('shm')).toBeVisible();
  await expect(memory.getByRole('list', { name: 'Processes' })).toContainText('renderer');
  const toBytes = (s: string) => {
    const [n, u] = s.split(' ');
    return Number(n) * 1024 ** ['B', 'KB', 'MB', 'GB'].indexOf(u!);
  };
  const before = toBytes((await store.textContent())!);
  expect(before).toBeGreaterThan(1024 ** 3);
  await page.getByRole('button', { name: 'Close coverage_1e8.txt' }).click();
  await expect(page.getByRole('button', { name: 'Show coverage_1e8.txt' })).toHaveCount(0);
  await expect.poll(async () => toBytes((await store.textContent())!), { timeout: 5000 }).toBeLessThan(before - 1024 ** 3);
});

test('dropping several files anywhere opens them all', async ({ page }) => {
  await expect(page.getByRole('button', { name: 'Show coverage_1e8.txt' })).toBeVisible();
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x'.repeat(54_000)], 'dropped_a.txt'));
    dt.items.add(new File(['x'.repeat(27_000)], 'dropped_b.tsv'));
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('region', { name: 'Drop files to open' })).toBeVisible();
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x'.repeat(54_000)], 'dropped_a.txt'));
    dt.items.add(new File(['x'.repeat(27_000)], 'dropped_b.tsv'));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('region', { name: 'Drop files to open' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Show dropped_a.txt' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show dropped_b.tsv' })).toBeVisible();
  await expect(page.getByText(/Opening 2 files/)).toBeVisible();
});

test('the export dialog runs an export to done', async ({ page }) => {
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export HDF5' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: 'coverage_1e8.txt' })).toBeChecked();
  await dialog.getByRole('checkbox', { name: 'methylation_sample.tsv' }).check();
  await dialog.getByRole('radio', { name: /Columns/ }).check();
  await dialog.getByRole('radio', { name: 'gzip' }).check();
  await dialog.getByLabel('gzip level').fill('6');
  await dialog.getByLabel('Destination path').fill('/tmp/out/coverage.h5');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  await expect(dialog.getByText('Export done')).toBeVisible({ timeout: 15_000 });
  await expect(dialog).toContainText('/tmp/out/coverage.h5');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
