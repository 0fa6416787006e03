// The Electron app end to end: a locked-down window, opening files through the bridge and the Open dialog, views and statistics in a utility process, exporting HDF5.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { AppApi } from '../../src/shared/app-api.js';
import type { ExportStatus } from '../../src/shared/export-request.js';
import { findElectronBinary } from './electron-binary.js';

const binary = findElectronBinary();
const MAIN = 'out/main/index.js';
type Bridge = AppApi & { onMenu(listener: (command: string) => void): () => void };
// page.evaluate ships only the callback's source to the page, so each callback reaches the bridge itself.
type PageGlobal = { arrayport: Bridge };

let app: ElectronApplication;
let page: Page;
let dir: string;

test.describe('Electron app', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');
  test.skip(!existsSync(MAIN), `${MAIN} is not built: run npx electron-vite build first`);

  test.beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'arrayport-e2e-electron-'));
    const env = { ...process.env } as Record<string, string>;
    // A leaked ELECTRON_RUN_AS_NODE turns the app into plain Node ("bad option: --remote-debugging-port").
    delete env.ELECTRON_RUN_AS_NODE;
    app = await _electron.launch({ executablePath: (binary as { path: string }).path, args: [MAIN], env });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('starts one locked-down window on app://', async () => {
    await expect(page).toHaveTitle('Arrayport');
    expect(page.url()).toBe('app://arrayport/index.html');
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const windows = BrowserWindow.getAllWindows();
      // At runtime but not in electron.d.ts: the preferences the page was really created with.
      const p = (windows[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
      return { count: windows.length, contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity, webviewTag: p.webviewTag };
    });
    expect(prefs).toEqual({ count: 1, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    const page_ = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown> & { open(url: string): unknown };
      return {
        require: typeof g.require,
        process: typeof g.process,
        bridge: Object.keys(g.arrayport as object).sort(),
        popup: g.open('https://example.com') === null,
      };
    });
    expect(page_.require).toBe('undefined');
    expect(page_.process).toBe('undefined');
    // Exactly AppApi plus onMenu, nothing else (sorted: the page lists its keys sorted).
    expect(page_.bridge).toEqual([
      'cancel', 'cancelExport', 'cancelView', 'capabilities', 'close', 'columnStats', 'estimate', 'listDatasets',
      'onDatasets', 'onExport', 'onMemory', 'onMenu', 'openDropped', 'openEntry', 'openPaths', 'pickAndOpen',
      'pickSavePath', 'readLevelOfDetail', 'readSlice', 'readWindow', 'setView', 'startExport',
    ]);
    expect(page_.popup).toBe(true);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobal).arrayport.capabilities())).toMatchObject({ kind: 'electron', nativeDialogs: true, hostPaths: true });
  });

  test('refuses navigation away from the app', async () => {
    await page.evaluate(() => ((globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/'));
    await page.waitForTimeout(300);
    expect(page.url()).toBe('app://arrayport/index.html');
  });

  test('opens files by path and through the (stubbed) Open dialog', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    await writeFile(a, 'x,y\n1,2.5\n3,4.5\n');
    await writeFile(b, 'p q\n1 2\n');
    const ids = await page.evaluate((path) => (globalThis as unknown as PageGlobal).arrayport.openPaths([path]), a);
    expect(ids).toHaveLength(1);
    await app.evaluate(({ dialog }, path) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as typeof dialog.showOpenDialog;
    }, b);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobal).arrayport.pickAndOpen())).toHaveLength(1);
    await expect.poll(async () => (await page.evaluate(() => (globalThis as unknown as PageGlobal).arrayport.listDatasets())).map((d) => `${d.name}:${d.state}:${d.rows}`).sort())
      .toEqual(['a.csv:ready:2', 'b.csv:ready:1']);
    const window = await page.evaluate((id) => (globalThis as unknown as PageGlobal).arrayport.readWindow(id, 0, 2), ids[0]!);
    expect(window.columns.map((c) => c.name)).toEqual(['x', 'y']);
  });

  test('filters and sorts in a compute utility process; windows carry original rows; statistics follow the view', async () => {
    // 0..999 with x = (7·i) mod 100: ties everywhere, so the stable order is checked too.
    const rows = Array.from({ length: 1000 }, (_, i) => ({ i, x: (7 * i) % 100 }));
    const file = join(dir, 'v.csv');
    await writeFile(file, `i,x\n${rows.map((r) => `${r.i},${r.x}`).join('\n')}\n`);
    const [id] = await page.evaluate((path) => (globalThis as unknown as PageGlobal).arrayport.openPaths([path]), file);
    await expect.poll(async () => (await page.evaluate(() => (globalThis as unknown as PageGlobal).arrayport.listDatasets())).find((d) => d.name === 'v.csv')?.state).toBe('ready');
    const got = await page.evaluate(async (datasetId) => {
      const api = (globalThis as unknown as PageGlobal).arrayport;
      const view = await api.setView(datasetId, { filter: 'x >= 90', sort: [{ column: 'x', descending: true }] });
      const window = await api.readWindow(datasetId, 0, view.rows);
      const stats = await api.columnStats(datasetId, { columns: ['x'] });
      const bad = await api.setView(datasetId, { filter: 'y > 1' }).then(() => 'accepted', (e: Error) => e.message);
      return { rows: view.rows, rowNumbers: window.rowNumbers, count: stats.columns[0]!.count, min: stats.columns[0]!.min, bad };
    }, id!);
    const want = rows.filter((r) => r.x >= 90).sort((a, b) => b.x - a.x || a.i - b.i);
    expect(got).toMatchObject({ rows: want.length, rowNumbers: want.map((r) => r.i), count: want.length, min: 90 });
    expect(got.bad).toMatch(/unknown column 'y'/);
  });

  test('exports HDF5 to the path the (stubbed) Save dialog returns', async () => {
    const out = join(dir, 'out.h5');
    await app.evaluate(({ dialog }, path) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as typeof dialog.showSaveDialog;
    }, out);
    const destination = await page.evaluate(() => (globalThis as unknown as PageGlobal).arrayport.pickSavePath('arrays.h5'));
    expect(destination).toBe(out);
    const final = await page.evaluate(async (dest) => {
      const api = (globalThis as unknown as PageGlobal).arrayport;
      const ids = (await api.listDatasets()).map((d) => d.id);
      return new Promise<ExportStatus>((resolve) => {
        const off = api.onExport((s) => {
          if (s.state !== 'running') {
            off();
            resolve(s);
          }
        });
        void api.startExport({ datasetIds: ids, destination: dest, layout: 'compound', compression: { kind: 'none' } });
      });
    }, out);
    expect(final.state).toBe('done');
    expect((await stat(out)).size).toBeGreaterThan(0);
    // HDF5 signature at offset 0.
    expect(readFileSync(out).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]));
  });
});
