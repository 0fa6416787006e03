// N-d arrays and HDF5 through the browser host in Chromium: a 3-D .npy's heatmap and grid follow the slice index; an HDF5 tree opens.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './fixtures/browser-host.js';

const CORPUS = fileURLToPath(new URL('../../shared/corpus', import.meta.url));
// The README's pictures of arrays come from this spec; a plain test run leaves docs/ alone (UPDATE_SCREENSHOTS=1 renews them).
const SHOTS = fileURLToPath(new URL(process.env.UPDATE_SCREENSHOTS ? '../docs/screenshots' : '../test-results/shots', import.meta.url));
let dir: string;
let cube: string;
let host: RunningHost;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arrayport-e2e-arrays-'));
  cube = join(dir, 'sst_cube.npy');
  // time × lat × lon: a wave whose phase moves with time, so every time index draws a different picture.
  execFileSync('/usr/bin/python3', ['-c', `
import numpy as np
t, y, x = np.meshgrid(np.arange(12), np.arange(300), np.arange(600), indexing='ij')
a = (np.sin(x / 40 + t / 2) * np.cos(y / 30) * 10 + y / 30).astype('<f4')
np.save('${cube}', a)
`]);
  host = await startHost([cube, join(CORPUS, 'hdf5/nexpy__chopper.nxs')]);
});

test.afterAll(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
  expect(readdirSync('/dev/shm').filter((f) => f.startsWith(`arrayport-${host.pid}-`))).toEqual([]);
});

async function canvasPixels(page: Page): Promise<string> {
  // A short digest, so a failing comparison does not print a whole PNG.
  const url = await page.locator('canvas.heatmap-canvas').evaluate((c: HTMLCanvasElement) => c.toDataURL());
  return createHash('sha256').update(url).digest('hex');
}

test('a 3-D array: moving the slice index changes the heatmap and the grid', async ({ page }) => {
  await page.goto(host.url);
  const datasets = page.getByRole('region', { name: 'Datasets' });
  await datasets.getByRole('button', { name: 'Show sst_cube.npy' }).click();
  await expect(page.getByText('shape (12, 300, 600) · <f4')).toBeVisible({ timeout: 30_000 });
  const canvas = page.locator('canvas.heatmap-canvas');
  await expect(canvas).toHaveAttribute('data-drawn', /\|0,0,0\|/);
  await expect(page.getByRole('status').filter({ hasText: 'bins of 300×600' })).toBeVisible();
  const before = await canvasPixels(page);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'heatmap.png') });

  await page.getByLabel('Index of dimension 0 (number)').fill('5');
  await expect(canvas).toHaveAttribute('data-drawn', /\|5,0,0\|/);
  expect(await canvasPixels(page)).not.toBe(before);

  await page.getByRole('tab', { name: 'Grid' }).click();
  const cell = page.locator('.sg-cell[data-row="10"][data-col="3"]');
  const want = (t: number) => Math.fround(Math.sin(3 / 40 + t / 2) * Math.cos(10 / 30) * 10 + 10 / 30);
  await expect.poll(async () => Number(await cell.textContent())).toBeCloseTo(want(5), 5);
  await page.getByLabel('Index of dimension 0 (number)').fill('7');
  await expect.poll(async () => Number(await cell.textContent())).toBeCloseTo(want(7), 5);

  await page.getByRole('tab', { name: 'Line' }).click();
  await expect(page.getByRole('img', { name: 'Line plot of dim 1' })).toBeVisible();
});

test('an HDF5 file shows its tree with attributes, and a dataset opens as a heatmap', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('region', { name: 'Datasets' }).getByRole('button', { name: 'Show nexpy__chopper.nxs' }).click();
  const tree = page.getByRole('tree', { name: 'Contents of nexpy__chopper.nxs' });
  await expect(tree).toBeVisible({ timeout: 30_000 });
  await tree.getByRole('treeitem', { name: /^data$/ }).getByRole('button').first().click();
  await tree.getByRole('treeitem', { name: /^data \(148×750\) <i4/ }).getByRole('button').click();
  await expect(page.getByRole('region', { name: 'Attributes' })).toContainText('long_name');
  await page.screenshot({ path: join(SHOTS, 'hdf5-tree.png') });
  await page.getByRole('button', { name: 'Open data' }).click();
  await expect(page.getByText('shape (148, 750) · <i4')).toBeVisible();
  await expect(page.locator('canvas.heatmap-canvas')).toHaveAttribute('data-drawn', /\|0,0\|/);
});
