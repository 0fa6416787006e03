// Globals the page sees: the AppApi the Electron preload exposes through contextBridge, and the mock host on ?mock pages.
import type { AppApi } from '../shared/app-api.js';
import type { MockApi } from './api/mock-api.js';

declare global {
  interface Window {
    /** Present only in the Electron window (contextBridge.exposeInMainWorld('arrayport', …)). */
    arrayport?: AppApi;
    /** Present only on the mock page (?mock): the in-page host, for tests to inspect. */
    arrayportMock?: MockApi;
  }
}

export {};
