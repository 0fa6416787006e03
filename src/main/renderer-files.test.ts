// Which pages may call the Electron host over IPC, checked in plain Node.
import { describe, expect, it } from 'vitest';
import { trustedPageCheck } from './renderer-files.js';

describe('trustedPageCheck', () => {
  it('trusts the app:// page only, or in development the dev server only', () => {
    const built = trustedPageCheck(undefined);
    expect(built('app://arrayport/index.html')).toBe(true);
    expect(built('app://evil/index.html')).toBe(false);
    expect(built('file:///etc/passwd')).toBe(false);
    expect(built('not a url')).toBe(false);
    const dev = trustedPageCheck('http://localhost:5173/');
    expect(dev('http://localhost:5173/index.html')).toBe(true);
    expect(dev('app://arrayport/index.html')).toBe(false);
    expect(dev('http://localhost:5174/')).toBe(false);
  });
});
