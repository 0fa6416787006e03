// Interactive timings in the real browser host (Debian Chromium via Playwright): first rows after opening a ~1 GB file
// (drawn by the first screen, then by ag-grid), and "Go to row" to the last row of a 1e8-row table. All are timed inside
// the page, from the form's submit event to the first animation frame whose DOM holds the wanted cells in view.

import { appendFileSync, closeSync, fsyncSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../../e2e/fixtures/browser-host.js';
import { writeCountingNpy } from './npy-rows.js';
import { median } from './table.js';
import { CHROMIUM } from './versions.js';

export interface InteractiveOptions {
  /** A seed-format file; copies of it make the ~1 GB text file. */
  readonly seedFile: string;
  readonly firstRowsRuns?: number;
  readonly goToRuns?: number;
  readonly goToRows?: number;
  /** Idle time between the window showing and the open, as a person takes to drag a file (the host warms up meanwhile). */
  readonly settleMs?: number;
}

export interface InteractiveResult {
  readonly textBytes: number;
  readonly firstRowsMs: number[];
  /** The same runs: until ag-grid has drawn its own rows (the table scrolls from then on). */
  readonly gridRowsMs: number[];
  readonly goToRows: number;
  readonly goToMs: number[];
  readonly settleMs: number;
}

/**
 * Arms a one-shot timer in the page: starts at the capture-phase submit of `form`, and takes the time of the first
 * animation frame where each `ready` JS expression holds. window.__probe resolves with the milliseconds, in the order
 * given, once all have held, or with -1s when something never shows (60 s after the submit, 120 s after arming).
 */
async function armProbe(page: Page, form: string, ...ready: string[]): Promise<void> {
  await page.evaluate(`
    window.__probe = new Promise((resolve) => {
      const visible = (el) => {
        const port = el && el.closest('.ag-grid-viewport, .ag-body-viewport, .first-rows');
        if (!el || !port || el.textContent.trim() === '') return false;
        const a = el.getBoundingClientRect(), b = port.getBoundingClientRect();
        return a.bottom > b.top && a.top < b.bottom && a.right > b.left && a.left < b.right;
      };
      const checks = [${ready.map((r) => `() => ${r}`).join(', ')}];
      const times = checks.map(() => -1);
      let t0 = -1;
      const tick = () => {
        const now = performance.now() - t0;
        checks.forEach((check, k) => { if (times[k] < 0 && check()) times[k] = now; });
        if (times.every((t) => t >= 0)) resolve(times);
        else if (now > 60000) resolve(checks.map(() => -1));
        else requestAnimationFrame(tick);
      };
      const onSubmit = (e) => {
        if (t0 >= 0 || !e.target.matches(${JSON.stringify(form)})) return;
        t0 = performance.now();
        requestAnimationFrame(tick);
      };
      document.addEventListener('submit', onSubmit, true);
      setTimeout(() => resolve(checks.map(() => -1)), 120000);
    });
    undefined; // evaluate() would otherwise wait for the promise
  `);
}

async function probeResult(page: Page, what: string): Promise<number[]> {
  const ms = (await page.evaluate('window.__probe')) as number[];
  if (ms.some((t) => t < 0)) throw new Error(`${what}: no submit, or nothing on screen 60 s after it`);
  return ms;
}

/** Polls a JS expression in the page (page.waitForFunction would eval it, which the window's CSP forbids). */
async function untilTrue(page: Page, expression: string, timeoutMs = 60_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await page.waitForTimeout(50)) if (await page.evaluate(expression)) return;
  throw new Error(`still false after ${timeoutMs} ms: ${expression}`);
}

/** A data cell in view, drawn by the first screen (FirstRows) or by ag-grid: what the person sees. */
const FIRST_DATA_CELL = `[...document.querySelectorAll('.ag-row .ag-cell:not([col-id="__row"]), .first-rows .fr-row .fr-cell:not(.cell-rownum)')].some(visible)`;
/** A data cell in view drawn by ag-grid itself. */
const GRID_DATA_CELL = `[...document.querySelectorAll('.ag-row .ag-cell:not([col-id="__row"])')].some(visible)`;

const rowCells = (label: string, value: string): string => `(() => {
  const num = [...document.querySelectorAll('.ag-cell[col-id="__row"]')].find((c) => c.textContent === ${JSON.stringify(label)});
  const row = num && num.closest('[row-index]');
  const cell = row && document.querySelector('.ag-row[row-index="' + row.getAttribute('row-index') + '"] .ag-cell[col-id="v"]');
  return visible(num) && visible(cell) && cell.textContent === ${JSON.stringify(value)};
})()`;

async function openPage(browser: Browser, host: RunningHost): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(host.url);
  await page.getByLabel('Open path').waitFor();
  return page;
}

async function openPath(page: Page, path: string): Promise<void> {
  await page.getByLabel('Open path').fill(path);
  await page.getByLabel('Open path').press('Enter');
}

/** One fresh host per run: the first file opened into a window that has just appeared. */
async function firstRows(browser: Browser, textFile: string, runs: number, settleMs: number): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < runs; i++) {
    const host = await startHost();
    try {
      const page = await openPage(browser, host);
      await page.waitForTimeout(settleMs);
      await armProbe(page, 'form.open-path', FIRST_DATA_CELL, GRID_DATA_CELL);
      await openPath(page, textFile);
      out.push(await probeResult(page, 'first rows'));
      await page.close();
    } finally {
      await host.stop();
    }
  }
  return out;
}

async function goToLast(browser: Browser, npy: string, rows: number, runs: number): Promise<number[]> {
  const host = await startHost();
  const out: number[] = [];
  try {
    const page = await openPage(browser, host);
    await openPath(page, npy);
    await page.locator('.grid-summary', { hasText: `${rows.toLocaleString('en-US')} rows` }).waitFor({ timeout: 120_000 });
    await page.locator('.grid-summary .badge-loading').waitFor({ state: 'detached', timeout: 120_000 });
    const goTo = page.getByLabel('Go to row');
    for (let i = 0; i < runs; i++) {
      await goTo.fill('0');
      await goTo.press('Enter');
      await untilTrue(page, `(() => { const visible = (el) => !!el; return ${rowCells('0', '0')}; })()`);
      await armProbe(page, 'form.goto', rowCells((rows - 1).toLocaleString('en-US'), String(rows - 1)));
      await goTo.fill(String(rows - 1));
      await goTo.press('Enter');
      out.push((await probeResult(page, 'go to last row'))[0]!);
    }
    await page.close();
  } finally {
    await host.stop();
  }
  return out;
}

export async function benchInteractive(o: InteractiveOptions): Promise<InteractiveResult> {
  const dir = mkdtempSync(join(tmpdir(), 'arrayport-bench-ui-'));
  const shmBefore = new Set(readdirSync('/dev/shm'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking'] });
  try {
    const seed = readFileSync(o.seedFile);
    const textFile = join(dir, 'coverage-1GB.tsv');
    for (let i = Math.max(1, Math.round(1e9 / seed.length)); i > 0; i--) appendFileSync(textFile, seed);
    // Written out before timing: a file a person drops is on disk already, not 1 GB of dirty pages whose
    // writeback would take CPU from the runs.
    syncFile(textFile);
    const firstRuns = await firstRows(browser, textFile, o.firstRowsRuns ?? 5, o.settleMs ?? 1000);
    rmSync(textFile);
    const goToRows = o.goToRows ?? 100_000_000;
    const npy = join(dir, 'counting.npy');
    writeCountingNpy(npy, goToRows);
    syncFile(npy);
    const goToMs = await goToLast(browser, npy, goToRows, o.goToRuns ?? 10);
    return {
      textBytes: statSync(o.seedFile).size * Math.max(1, Math.round(1e9 / seed.length)),
      firstRowsMs: firstRuns.map((r) => r[0]!), gridRowsMs: firstRuns.map((r) => r[1]!), goToRows, goToMs, settleMs: o.settleMs ?? 1000,
    };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
    // The hosts remove their sessions when stopped; anything left is a leak to report, then remove.
    const left = readdirSync('/dev/shm').filter((f) => f.startsWith('arrayport-') && !shmBefore.has(f));
    for (const f of left) rmSync(join('/dev/shm', f), { recursive: true, force: true });
    if (left.length) console.error(`interactive bench: removed ${left.length} leftover /dev/shm entries: ${left.join(', ')}`);
  }
}

export function printInteractive(r: InteractiveResult): void {
  const fmt = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(', ');
  console.log('\ninteractive, browser host in Chromium (timed in the page: submit → first frame painting the cells)');
  console.log(['measure'.padEnd(64), 'median ms', 'target ms', 'runs (ms)'].join('  '));
  console.log([`first rows after opening a ${(r.textBytes / 1e9).toFixed(2)} GB text file by host path`.padEnd(64), median(r.firstRowsMs).toFixed(0).padStart(9), '300'.padStart(9), fmt(r.firstRowsMs)].join('  '));
  console.log(['  the same runs: ag-grid has drawn its rows (the table scrolls)'.padEnd(64), median(r.gridRowsMs).toFixed(0).padStart(9), '-'.padStart(9), fmt(r.gridRowsMs)].join('  '));
  console.log([`Go to row ${(r.goToRows - 1).toLocaleString('en-US')} (last of ${r.goToRows.toLocaleString('en-US')} rows)`.padEnd(64), median(r.goToMs).toFixed(0).padStart(9), '150'.padStart(9), fmt(r.goToMs)].join('  '));
  console.log(`(a fresh host per first-rows run, the window idle ${r.settleMs} ms before the open; opening by host path is what a`);
  console.log(' drop in the Electron window does: the drop hands the file\'s path to openPaths; the first rows are drawn by the');
  console.log(' first screen, FirstRows, until ag-grid, created right after they are painted, has drawn its own)');
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
