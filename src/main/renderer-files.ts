// What the app:// scheme may serve and how: path checks, content types, CSP (no electron import, so Node tests cover it).
import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

export const APP_ORIGIN = 'app://arrayport';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** DESIGN.md §6's policy; the window talks to nothing but its own origin (IPC needs no connect-src). */
export function appCsp(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A file under `root` for a URL path, or null: no '..', no dotfiles, no escape through symlinks. */
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
    const real = await realpath(join(realRoot, ...(segments.length === 0 ? ['index.html'] : segments)));
    return real.startsWith(realRoot + sep) && (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** Which page URLs may call the host over IPC: the app:// page, or in development only the dev server's origin. */
export function trustedPageCheck(devUrl: string | undefined): (url: string) => boolean {
  // Not URL.origin: for a non-special scheme such as app: it is the opaque 'null', which would match any such URL.
  const key = (u: URL): string => `${u.protocol}//${u.host}`;
  const expected = devUrl ? key(new URL(devUrl)) : APP_ORIGIN;
  return (url) => {
    try {
      return key(new URL(url)) === expected;
    } catch {
      return false;
    }
  };
}
