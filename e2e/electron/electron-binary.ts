// Finds the Electron binary the way the electron package does, without importing it (which would try to download it).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const PACKAGE_DIR = resolve('node_modules/electron');

/** The executable's path, or why there is none (the reason `test.skip` prints). */
export function findElectronBinary(): { path: string } | { missing: string } {
  const pathFile = join(PACKAGE_DIR, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'no Electron binary (node_modules/electron/path.txt absent: the download is impossible offline); run where `npx install-electron` has fetched it' };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(PACKAGE_DIR, 'dist');
  const path = join(distDir, relative);
  return existsSync(path) ? { path } : { missing: `no Electron binary at ${path}` };
}
