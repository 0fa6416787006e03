// Sandboxed preload: exposes exactly AppApi (plus the menu's commands) as window.arrayport; ipcRenderer itself never leaves.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { AppApi, AppApiCall, AppApiEvents, Unsubscribe } from '../shared/app-api.js';

/** Commands the application menu sends (kept in step with src/main/app-menu.ts). */
type MenuCommand = 'export' | 'close-dataset';

type Call<M extends AppApiCall> = (...args: Parameters<AppApi[M]>) => ReturnType<AppApi[M]>;

// Channel names are the AppApi keys (see src/main/ipc-adapter.ts); a type-only import keeps this bundle free of shared code.
function call<M extends AppApiCall>(method: M): Call<M> {
  return ((...args: unknown[]) => ipcRenderer.invoke(`arrayport:${method}`, ...args)) as unknown as Call<M>;
}

const listeners: { [E in keyof AppApiEvents]: Set<(payload: AppApiEvents[E]) => void> } = {
  datasets: new Set(), memory: new Set(), export: new Set(),
};
const menuListeners = new Set<(command: MenuCommand) => void>();

// One dispatcher per channel; listeners receive only the payload, never the IPC event (which would leak `sender`).
ipcRenderer.on('arrayport:event', (_event, message: { event: keyof AppApiEvents; payload: unknown }) => {
  const set = listeners[message.event] as Set<(payload: unknown) => void> | undefined;
  set?.forEach((listener) => listener(message.payload));
});
ipcRenderer.on('arrayport:menu', (_event, command: MenuCommand) => menuListeners.forEach((listener) => listener(command)));

function on<E extends keyof AppApiEvents>(event: E, listener: (payload: AppApiEvents[E]) => void): Unsubscribe {
  listeners[event].add(listener);
  return () => void listeners[event].delete(listener);
}

const api: AppApi & { onMenu(listener: (command: MenuCommand) => void): Unsubscribe } = {
  capabilities: call('capabilities'),
  openPaths: call('openPaths'),
  // Since Electron 32 a File has no .path: webUtils resolves it here, and '' means "not a file on disk".
  openDropped: (files, options) => {
    const paths = files.map((file) => webUtils.getPathForFile(file as File)).filter((path) => path !== '');
    return paths.length === 0 ? Promise.resolve([]) : (ipcRenderer.invoke('arrayport:openPaths', paths, options) as Promise<string[]>);
  },
  pickAndOpen: call('pickAndOpen'),
  estimate: call('estimate'),
  listDatasets: call('listDatasets'),
  onDatasets: (listener) => on('datasets', listener),
  readWindow: call('readWindow'),
  firstWindow: call('firstWindow'),
  readSlice: call('readSlice'),
  readLevelOfDetail: call('readLevelOfDetail'),
  openEntry: call('openEntry'),
  setView: call('setView'),
  cancelView: call('cancelView'),
  columnStats: call('columnStats'),
  cancel: call('cancel'),
  close: call('close'),
  onMemory: (listener) => on('memory', listener),
  pickSavePath: call('pickSavePath'),
  startExport: call('startExport'),
  onExport: (listener) => on('export', listener),
  cancelExport: call('cancelExport'),
  onMenu: (listener) => {
    menuListeners.add(listener);
    return () => void menuListeners.delete(listener);
  },
};

contextBridge.exposeInMainWorld('arrayport', api);
