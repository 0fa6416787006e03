// Serves the built renderer, and nothing else: no traversal, no dotfiles, the CSP nonce injected into index.html.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { refuse } from './auth.js';
import { CONTENT_TYPES, createNonce, injectNonce, rendererCsp, resolveUnder } from '../../core/renderer-assets.js';

/** Headers every browser-host response carries. */
export function securityHeaders(nonce: string, port: number): Record<string, string> {
  return { 'Content-Security-Policy': rendererCsp(nonce, [`ws://127.0.0.1:${port}`]), 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
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
