// The browser host's one secret: a per-session token, checked in constant time on every request and upgrade.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** 32 random bytes, base64url: safe in a URL, a cookie and a header. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

// Cookies are shared by every port of 127.0.0.1, so each host names its own.
export function tokenCookieName(port: number): string {
  return `arrayport_token_${port}`;
}

/** The Set-Cookie value the first page response sends so that the page's asset and upload requests carry the token. */
export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Constant-time for equal lengths; a length mismatch returns early, which only reveals the (public) token length. */
export function tokensMatch(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How a request proved itself: by `?token=`, by the cookie, or not at all. */
export function authenticate(req: IncomingMessage, url: URL, port: number, token: string): 'query' | 'cookie' | null {
  if (tokensMatch(url.searchParams.get('token'), token)) return 'query';
  if (tokensMatch(cookieValue(req.headers.cookie, tokenCookieName(port)), token)) return 'cookie';
  return null;
}

/** Ends a response with a short plain-text refusal (no page content, no hints). */
export function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
  res.end(`${message}\n`);
}
