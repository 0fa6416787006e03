// Serves the built renderer, and nothing else: no traversal, no dotfiles, the CSP nonce injected into index.html.
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { refuse } from './auth.js';
import { browserHostCsp, createNonce, injectNonce } from './csp.js';

const CONTENT_TYPES: Record<string, string> = {
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

/** Headers every browser-host response carries. */
export function securityHeaders(nonce: string, port: number): Record<string, string> {
  return { 'Content-Security-Policy': browserHostCsp(nonce, port), 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
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
  const realRoot = await realpath(root);
  const candidate = join(realRoot, ...(segments.length === 0 ? ['index.html'] : segments));
  if (!candidate.startsWith(realRoot + sep)) return null;
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(realRoot + sep)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** Answers a GET/HEAD for a renderer file; `extraHeaders` (the token cookie) go on the page response. */
export async function serveStatic(
  req: IncomingMessage, res: ServerResponse, rendererDir: string, port: number, extraHeaders: Record<string, string> = {},
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
  // The raw path, not url.pathname: the URL parser would silently fold '..' segments away before we could refuse them.
  const rawPath = (req.url ?? '/').split('?')[0]!;
  const file = await resolveUnder(rendererDir, rawPath);
  if (file === null) return refuse(res, 404, 'not found');
  const nonce = createNonce();
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers = { ...securityHeaders(nonce, port), 'Content-Type': type };
  if (type.startsWith('text/html')) {
    const body = injectNonce(await readFile(file, 'utf8'), nonce);
    res.writeHead(200, { ...headers, ...extraHeaders, 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  const { size } = await stat(file);
  res.writeHead(200, { ...headers, 'Content-Length': size });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}
