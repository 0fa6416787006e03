// How every host serves the built renderer: which files (nothing outside it), with which content type and which CSP.
import { randomBytes } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * DESIGN.md §6's policy. The nonce is for ag-grid's injected theme styles (its `styleNonce`);
 * `connectSrc` adds what the page may talk to beyond its own origin (the browser host's WebSocket).
 */
export function rendererCsp(nonce: string, connectSrc: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    ["connect-src 'self'", ...connectSrc].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The page reads its nonce from wherever index.html puts `__CSP_NONCE__` (a meta tag). */
export function injectNonce(html: string, nonce: string): string {
  return html.replaceAll('__CSP_NONCE__', nonce);
}

/**
 * Maps a URL path to a file under `root`, or null when the path is not one we serve.
 * Every decoded segment is checked (no '..', no dotfiles, no NUL, no backslash) before the prefix check,
 * and the real path is checked again so that a symlink cannot lead out.
 */
export async function resolveUnder(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.') || s.includes('\\') || s.includes('\0'))) return null;
  try {
    const realRoot = await realpath(root);
    const candidate = join(realRoot, ...(segments.length === 0 ? ['index.html'] : segments));
    if (!candidate.startsWith(realRoot + sep)) return null;
    const real = await realpath(candidate);
    return real.startsWith(realRoot + sep) && (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}
