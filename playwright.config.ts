// End-to-end tests: the browser host in Debian Chromium (always), and the Electron app where its binary exists.
import { defineConfig } from '@playwright/test';
import { findElectronBinary } from './e2e/electron/electron-binary.js';

// Reporters do not print skip reasons; the Electron specs skip without a binary, so say why once.
const electron = findElectronBinary();
if ('missing' in electron && !process.env.PLAYWRIGHT_QUIET_ELECTRON) {
  console.log(`[electron] specs skip: ${electron.missing}`);
  process.env.PLAYWRIGHT_QUIET_ELECTRON = '1';
}

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'browser-host', testMatch: /e2e\/[^/]+\.spec\.ts$/, use: { browserName: 'chromium', viewport: { width: 1400, height: 900 } } },
    { name: 'electron', testMatch: /e2e\/electron\/.*\.spec\.ts$/ },
  ],
});
