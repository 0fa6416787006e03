// The app:// scheme the window loads from: only files under out/renderer, with a CSP and a fresh style nonce per page.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { protocol } from 'electron';
import { CONTENT_TYPES, createNonce, injectNonce, rendererCsp, resolveUnder } from '../core/renderer-assets.js';

/** Must run before app 'ready': a standard, secure scheme gets a real origin, so 'self' in the CSP means app://arrayport. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

function respond(status: number, body: string | Uint8Array<ArrayBuffer>, type: string, nonce: string): Response {
  const headers = { 'Content-Type': type, 'Content-Security-Policy': rendererCsp(nonce), 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
  return new Response(body, { status, headers });
}

/** Serves `rendererDir` on app://arrayport/ (after ready). */
export function serveRenderer(rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const nonce = createNonce();
    const url = new URL(request.url);
    if (url.host !== 'arrayport' || request.method !== 'GET') return respond(404, 'not found', 'text/plain', nonce);
    // URL parsing folded plain '..' away already; encoded forms (%2e%2e, %2f) reach resolveUnder and are refused there.
    const file = await resolveUnder(rendererDir, url.pathname);
    if (file === null) return respond(404, 'not found', 'text/plain', nonce);
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    if (type.startsWith('text/html')) return respond(200, injectNonce(await readFile(file, 'utf8'), nonce), type, nonce);
    return respond(200, new Uint8Array(await readFile(file)), type, nonce);
  });
}
