// How hosts serve the renderer, checked in plain Node: only renderer files (no traversal, dotfiles or symlinks out), and the CSP.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererCsp, resolveUnder } from './renderer-assets.js';

let root: string;
let renderer: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'arrayport-app-scheme-'));
  renderer = join(root, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<html></html>');
  await writeFile(join(renderer, 'assets', 'a.js'), '');
  await writeFile(join(renderer, '.env'), 'secret');
  await writeFile(join(root, 'package.json'), '{}');
  await symlink(join(root, 'package.json'), join(renderer, 'assets', 'link.json'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('resolveUnder', () => {
  it('serves index.html for / and files under the renderer dir', async () => {
    expect(await resolveUnder(renderer, '/')).toBe(join(renderer, 'index.html'));
    expect(await resolveUnder(renderer, '/assets/a.js')).toBe(join(renderer, 'assets', 'a.js'));
  });

  it.each(['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/.env', '/assets/link.json', '/%E0%A4%A', '/missing.js', '/assets'])(
    'refuses %s',
    async (path) => expect(await resolveUnder(renderer, path)).toBeNull(),
  );
});

describe('rendererCsp', () => {
  it('allows only our own origin, with the nonce for styles', () => {
    expect(rendererCsp('N')).toBe(
      "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'nonce-N'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('adds the browser host WebSocket to connect-src only', () => {
    expect(rendererCsp('N', ['ws://127.0.0.1:9'])).toContain("connect-src 'self' ws://127.0.0.1:9;");
  });
});
