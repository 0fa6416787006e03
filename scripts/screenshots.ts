// `npm run screenshots`: the README's pictures, taken from the real browser host in Debian Chromium.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startHost } from '../e2e/fixtures/browser-host.js';
import { seedLines, writeSeedFile } from './seed-data.js';

const out = join(import.meta.dirname, '..', 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'arrayport-shots-'));
const files = [join(dir, 'coverage_sample1.tsv'), join(dir, 'coverage_sample2.tsv')];
await writeSeedFile(files[0]!, 2_000_000, 7);
await writeSeedFile(files[1]!, 1_500_000, 8);
// With a header line, so the views picture shows column names in its filter and sort.
const named = join(dir, 'coverage_named.tsv');
writeFileSync(named, `chr\tpos\tpct\tc\tt\n${[...seedLines(500_000, 9)].join('\n')}\n`);
const corpus = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'methylation', 'methylKit__test1.myCpG.txt');
const host = await startHost();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: scheme, deviceScaleFactor: 1 });
    await page.goto(host.url);
    // Open the files once the window watches, so the sparklines show the store filling up.
    await page.waitForTimeout(4000);
    if (scheme === 'light') {
      await page.getByLabel('Open path').fill([...files, corpus, named].join('; '));
      await page.getByLabel('Open path').press('Enter');
    }
    await page.locator('.badge-ready').nth(2).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Show coverage_sample1.tsv' }).click();
    await page.waitForTimeout(12_000);
    await page.screenshot({ path: join(out, `window-${scheme}.png`) });
    if (scheme === 'light') {
      await page.getByLabel('Go to row').fill('1999999');
      await page.getByLabel('Go to row').press('Enter');
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(out, 'go-to-last-row.png') });
      await page.getByRole('button', { name: 'Export…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export HDF5' });
      await dialog.getByRole('checkbox', { name: 'coverage_sample2.tsv' }).check();
      await dialog.getByLabel('Destination path').fill(join(dir, 'coverage.h5'));
      await dialog.getByRole('button', { name: 'Export', exact: true }).click();
      await dialog.getByText('Export done').waitFor({ timeout: 60_000 });
      await page.screenshot({ path: join(out, 'export-dialog.png') });
      await dialog.getByRole('button', { name: 'Close' }).click();
      // A view: filtered, sorted by two keys, with the statistics panel and its histograms.
      await page.locator('.badge-ready').nth(3).waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Show coverage_named.tsv' }).click();
      await page.getByLabel('Filter', { exact: true }).fill('pct > 50 and chr == "chr1"');
      await page.getByLabel('Filter', { exact: true }).press('Enter');
      await page.locator('output.view-count').getByText(/ of /).waitFor({ timeout: 60_000 });
      await page.locator('.ag-header-cell[col-id="c"] .col-sort').click();
      await page.locator('.ag-header-cell[col-id="c"] .col-sort').click();
      await page.locator('.ag-header-cell[col-id="pos"] .col-sort').click({ modifiers: ['Shift'] });
      await page.locator('.ag-header-cell[col-id="pct"]').getByRole('button', { name: 'Statistics of pct' }).click();
      await page.getByRole('complementary', { name: 'Statistics' }).locator('rect.hist-bar').first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1500);
      await page.screenshot({ path: join(out, 'views-stats.png') });
    }
    await page.close();
  }
} finally {
  await browser.close();
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`screenshots written to ${out}`);
