// AppApi over Electron IPC: one ipcMain.handle per AppApiCall key, every caller checked, events pushed to the window.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { AppApi, AppApiCall, AppApiEvents, HostService } from '../shared/app-api.js';
import { APP_API_CALLS, checkCallArgs } from '../shared/wire-codec.js';

/** Channel names come from the AppApi keys; the preload derives the same names. */
export const callChannel = (method: AppApiCall): `arrayport:${AppApiCall}` => `arrayport:${method}`;
export const EVENT_CHANNEL = 'arrayport:event';
export const MENU_CHANNEL = 'arrayport:menu';

export type CallHandlers = { [M in AppApiCall]: (...args: Parameters<AppApi[M]>) => ReturnType<AppApi[M]> };

export interface IpcAdapterOptions {
  readonly window: BrowserWindow;
  readonly service: HostService;
  readonly handlers: CallHandlers;
  /** True for the URL of a frame we trust: the app:// page, or the dev server's page in development. */
  readonly isTrustedUrl: (url: string) => boolean;
}

/** Checklist #17: the sender must be our window's top-level frame, showing our page. */
function trusted(event: IpcMainInvokeEvent, options: IpcAdapterOptions): boolean {
  const frame = event.senderFrame;
  return (
    !options.window.isDestroyed() &&
    event.sender === options.window.webContents &&
    frame !== null &&
    frame.parent === null &&
    options.isTrustedUrl(frame.url)
  );
}

/** Registers the handlers and event forwarding; returns the function that removes them. */
export function registerIpc(options: IpcAdapterOptions): () => void {
  for (const method of APP_API_CALLS) {
    ipcMain.handle(callChannel(method), (event, ...args: unknown[]) => {
      if (!trusted(event, options)) throw new Error('refused: not the Arrayport window');
      const problem = checkCallArgs(method, args);
      if (problem !== null) throw new Error(`${method}: ${problem}`);
      return (options.handlers[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    });
  }
  const push = <E extends keyof AppApiEvents>(event: E, payload: AppApiEvents[E]): void => {
    if (!options.window.isDestroyed()) options.window.webContents.send(EVENT_CHANNEL, { event, payload });
  };
  const unsubscribe = [
    options.service.onDatasets((list) => push('datasets', list)),
    options.service.onMemory((sample) => push('memory', sample)),
    options.service.onExport((status) => push('export', status)),
  ];
  return () => {
    for (const method of APP_API_CALLS) ipcMain.removeHandler(callChannel(method));
    for (const u of unsubscribe) u();
  };
}
