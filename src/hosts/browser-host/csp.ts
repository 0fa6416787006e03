// The Content-Security-Policy the browser host sends with every response, with a fresh style nonce each time.
import { randomBytes } from 'node:crypto';

export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** DESIGN.md §6's policy; the nonce is for ag-grid's injected theme styles (its `styleNonce`). */
export function browserHostCsp(nonce: string, port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The page reads its nonce from wherever index.html puts `__CSP_NONCE__` (a meta tag, a style element's nonce). */
export function injectNonce(html: string, nonce: string): string {
  return html.replaceAll('__CSP_NONCE__', nonce);
}
