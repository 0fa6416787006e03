// The browser host's guards: token on every request and upgrade, same-origin sockets, loopback only, no traversal, CSP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokensMatch } from './auth.js';
import { rawGet, startTestHost, tryUpgrade, type TestHost } from './test-support/test-host.js';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => {
  await t.dispose();
});

const sameLength = (token: string): string => (token[0] === 'A' ? 'B' : 'A') + token.slice(1);

describe('token', () => {
  it('is 32 random bytes in base64url and appears in the URL', () => {
    expect(t.host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(t.host.url).toBe(`http://127.0.0.1:${t.host.port}/?token=${t.host.token}`);
  });

  it('compares equal-length and unequal-length tokens safely', () => {
    expect(tokensMatch(t.host.token, t.host.token)).toBe(true);
    expect(tokensMatch(sameLength(t.host.token), t.host.token)).toBe(false);
    expect(tokensMatch('short', t.host.token)).toBe(false);
    expect(tokensMatch(undefined, t.host.token)).toBe(false);
  });

  it.each([
    ['no token', '/'],
    ['a wrong token of equal length', () => `/?token=${sameLength(t.host.token)}`],
    ['a wrong token of another length', '/?token=nope'],
    ['no token on an asset', '/assets/app.js'],
    ['no token on an upload', '/upload?name=a.txt'],
    ['no token on a download', '/download/job1'],
  ])('refuses HTTP with %s (401)', async (_what, path) => {
    const res = await rawGet(t.host.port, typeof path === 'function' ? path() : path);
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('<html');
  });

  it('serves the page with the token and sets an HttpOnly SameSite=Strict cookie for the assets', async () => {
    const page = await rawGet(t.host.port, `/?token=${t.host.token}`);
    expect(page.status).toBe(200);
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const asset = await rawGet(t.host.port, '/assets/app.js', { cookie: cookie.split(';')[0]! });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const wrongCookie = await rawGet(t.host.port, '/assets/app.js', { cookie: `${cookie.split('=')[0]}=${sameLength(t.host.token)}` });
    expect(wrongCookie.status).toBe(401);
  });
});

describe('WebSocket upgrade', () => {
  const wsUrl = (token?: string): string => `ws://127.0.0.1:${t.host.port}/ws${token === undefined ? '' : `?token=${token}`}`;

  it('opens with the token from our own origin', async () => {
    expect(await tryUpgrade(wsUrl(t.host.token), { origin: t.origin })).toBe('open');
  });

  it('refuses no token, a wrong token of equal length and one of another length (401)', async () => {
    expect(await tryUpgrade(wsUrl(), { origin: t.origin })).toBe(401);
    expect(await tryUpgrade(wsUrl(sameLength(t.host.token)), { origin: t.origin })).toBe(401);
    expect(await tryUpgrade(wsUrl('x'), { origin: t.origin })).toBe(401);
  });

  it('refuses a cross-origin upgrade even with the token (403)', async () => {
    expect(await tryUpgrade(wsUrl(t.host.token), { origin: 'http://evil.example' })).toBe(403);
    expect(await tryUpgrade(wsUrl(t.host.token), { origin: `http://localhost:${t.host.port}` })).toBe(403);
    expect(await tryUpgrade(wsUrl(t.host.token))).toBe(403);
  });
});

describe('files', () => {
  it('binds 127.0.0.1 only', () => {
    expect(t.host.address.address).toBe('127.0.0.1');
    expect(t.host.address.family).toBe('IPv4');
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/..%5cpackage.json',
    '/.secret',
    '/%2esecret',
    '/assets/app.js%00.html',
  ])('refuses %s', async (path) => {
    const res = await rawGet(t.host.port, `${path}?token=${t.host.token}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.body).not.toContain('outside');
    expect(res.body).not.toContain('dotfile');
  });

  it('sends the CSP with a fresh nonce that is injected into index.html', async () => {
    const a = await rawGet(t.host.port, `/?token=${t.host.token}`);
    const b = await rawGet(t.host.port, `/index.html?token=${t.host.token}`);
    const nonce = /content="([^"]+)"/.exec(a.body)![1]!;
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{24}$/);
    expect(a.body).not.toContain('__CSP_NONCE__');
    expect(a.headers['content-security-policy']).toBe(
      `default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; ` +
        `connect-src 'self' ws://127.0.0.1:${t.host.port}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect(a.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(b.body).not.toContain(nonce);
  });
});
