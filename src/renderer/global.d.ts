// Globals the page sees: the AppApi the Electron preload exposes through contextBridge.
import type { AppApi } from '../shared/app-api.js';

declare global {
  interface Window {
    /** Present only in the Electron window (contextBridge.exposeInMainWorld('arrayport', …)). */
    arrayport?: AppApi;
  }
}

export {};
