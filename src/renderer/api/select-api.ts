// Picks the AppApi for this page: the Electron preload's bridge, else the browser host's WebSocket, else the mock.
import type { AppApi } from '../../shared/app-api.js';
import { reportUpload } from './upload-progress.js';
import { createWsApi } from './ws-client.js';

/** Which adapter to use, or null with no host (the page then explains how to open it). */
export async function selectApi(win: Window = window): Promise<AppApi | null> {
  if (win.arrayport) return win.arrayport;
  const params = new URLSearchParams(win.location.search);
  const token = params.get('token');
  if (token) return createWsApi({ url: `ws://${win.location.host}/ws`, token, onUploadProgress: reportUpload });
  if (params.has('mock')) {
    // Loaded on demand so the Electron and browser-host pages never carry the mock.
    const { createMockApi } = await import('./mock-api.js');
    const mock = createMockApi();
    // End-to-end specs and screenshots read what the window asked of the mock (export requests).
    win.arrayportMock = mock;
    return mock;
  }
  return null;
}
