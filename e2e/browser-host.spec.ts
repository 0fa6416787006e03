// The whole app through the browser host in Chromium: drop files, see rows at once, go to the last row, watch memory, export, read it with h5py.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { seedLines, writeSeedFile } from '../scripts/seed-data.js';
import { startHost, type RunningHost } from './fixtures/browser-host.js';

const ROWS = 1_000_000;
let dir: string;
let host: RunningHost;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arrayport-e2e-'));
  await writeSeedFile(join(dir, 'coverage_a.tsv'), ROWS, 21);
  await writeSeedFile(join(dir, 'coverage_b.tsv'), ROWS, 22);
  writeFileSync(join(dir, 'broken.tsv'), 'chr1\t1\t0.5\t1\t2\nchr1\t2\t0.5\t1\t2\nchr1\t3\t0.5\t1\t2\t7\n');
  host = await startHost();
});

test.afterAll(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
  expect(readdirSync('/dev/shm').filter((f) => f.startsWith(`arrayport-${host.pid}-`))).toEqual([]);
});

/** Drops files from disk onto the window: a real drop event whose DataTransfer holds real File objects. */
async function dropFiles(page: Page, paths: string[]): Promise<void> {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.id = 'e2e-drop-source';
    input.hidden = true;
    document.body.append(input);
  });
  await page.setInputFiles('#e2e-drop-source', paths);
  await page.evaluate(() => {
    const input = document.getElementById('e2e-drop-source') as HTMLInputElement;
    const dt = new DataTransfer();
    for (const f of input.files ?? []) dt.items.add(f);
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    input.remove();
  });
}

/** The grid cell of `column` in the row whose row-number cell reads `label`. */
async function cellOf(page: Page, label: string, column: string) {
  const numberCell = page.locator('.ag-cell[col-id="__row"]', { hasText: new RegExp(`^${label}$`) });
  await expect(numberCell).toBeVisible();
  const index = await numberCell.locator('xpath=ancestor::div[@row-index][1]').getAttribute('row-index');
  return page.locator(`.ag-row[row-index="${index}"] .ag-cell[col-id="${column}"]`);
}

async function expectRow(page: Page, row: number, values: string[]): Promise<void> {
  const label = row.toLocaleString('en-US');
  for (const [i, v] of values.entries()) await expect(await cellOf(page, label, `f${i}`)).toHaveText(i === 2 ? String(Number(v)) + (Number.isInteger(Number(v)) ? '.0' : '') : v);
}

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };
async function storeBytes(page: Page): Promise<number> {
  const text = (await page.getByRole('region', { name: 'Memory' }).getByLabel('Store bytes').textContent()) ?? '';
  const m = /([\d.]+)\s*(B|KB|MB|GB|KiB|MiB|GiB)/.exec(text);
  if (!m) throw new Error(`no byte count in '${text}'`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

test('drop two 1M-row files and a bad one: rows at once, last row, memory, export read back by h5py', async ({ page }) => {
  const a = join(dir, 'coverage_a.tsv');
  const b = join(dir, 'coverage_b.tsv');
  const linesA = [...seedLines(ROWS, 21)];
  const linesB = [...seedLines(ROWS, 22)];
  await page.goto(host.url);
  await dropFiles(page, [a, b, join(dir, 'broken.tsv')]);

  const datasets = page.getByRole('region', { name: 'Datasets' });
  for (const name of ['coverage_a.tsv', 'coverage_b.tsv']) await expect(datasets.getByRole('button', { name: `Show ${name}` })).toBeVisible();
  // The bad file fails with the loader's message; the others still load.
  await expect(datasets.getByRole('alert')).toContainText(/broken\.tsv:3:\d+: .*6 fields/, { timeout: 60_000 });
  await expect(datasets.locator('.badge-ready')).toHaveCount(2, { timeout: 90_000 });

  await datasets.getByRole('button', { name: 'Show coverage_a.tsv' }).click();
  await expect(page.getByText(`${ROWS.toLocaleString('en-US')} rows`).first()).toBeVisible();
  for (const r of [0, 1, 2]) await expectRow(page, r, linesA[r]!.split('\t'));

  const goTo = page.getByLabel('Go to row');
  await goTo.fill(String(ROWS - 1));
  await goTo.press('Enter');
  await expectRow(page, ROWS - 1, linesA[ROWS - 1]!.split('\t'));

  await datasets.getByRole('button', { name: 'Show coverage_b.tsv' }).click();
  await expectRow(page, 0, linesB[0]!.split('\t'));

  const memory = page.getByRole('region', { name: 'Memory' });
  await expect(memory).toBeVisible();
  await expect.poll(() => storeBytes(page), { timeout: 10_000 }).toBeGreaterThan(2 * ROWS * 16);
  const beforeClose = await storeBytes(page);

  // Export both datasets to a host path, then let h5py compare the file with numpy.loadtxt of the inputs.
  const out = join(dir, 'both.h5');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export HDF5' });
  await dialog.getByRole('checkbox', { name: 'coverage_a.tsv' }).check();
  await dialog.getByRole('checkbox', { name: 'coverage_b.tsv' }).check();
  await dialog.getByLabel('Destination path').fill(out);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText('Export done')).toBeVisible({ timeout: 90_000 });
  await expect(dialog).toContainText(out);
  await page.keyboard.press('Escape');
  const check = execFileSync('/usr/bin/python3', ['-c', `
import sys, numpy as np, h5py
with h5py.File(sys.argv[1], 'r') as f:
    for name, src in (('coverage_a', sys.argv[2]), ('coverage_b', sys.argv[3])):
        got = f[name][()]
        want = np.loadtxt(src, dtype=got.dtype, delimiter='\\t')
        assert len(got) == ${ROWS}, len(got)
        assert all(np.array_equal(got[c], want[c]) for c in got.dtype.names), name
print('equal')
`, out, a, b]).toString();
  expect(check.trim()).toBe('equal');

  // Closing a dataset frees its segments, and the gauge shows it.
  await datasets.getByRole('button', { name: 'Close coverage_b.tsv' }).click();
  await expect(datasets.getByRole('button', { name: 'Show coverage_b.tsv' })).toHaveCount(0);
  await expect.poll(() => storeBytes(page), { timeout: 10_000 }).toBeLessThan(beforeClose * 0.7);
  expect(existsSync(out)).toBe(true);
});
