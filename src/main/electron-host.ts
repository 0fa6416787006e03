// The Electron host: lifecycle, the locked-down window, app:// protocol, IPC, menu and native dialogs around one HostService.
import { join } from 'node:path';
import { app, dialog, Menu, session, type BrowserWindow } from 'electron';
import type { HostService } from '../shared/app-api.js';
import { forwardedCalls } from '../core/service-calls.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { buildAppMenu, type MenuCommand } from './app-menu.js';
import { MENU_CHANNEL, registerIpc, type CallHandlers } from './ipc-adapter.js';
import { createMainWindow, guardContents, guardSession } from './main-window.js';
import { APP_ENTRY_URL, trustedPageCheck } from './renderer-files.js';
import { createUtilitySpawner, type UtilitySpawner } from './utility-spawner.js';

const DISPOSE_TIMEOUT_MS = 5000;

export type DisposableService = HostService & { dispose(): Promise<void> };

/** The calls that depend on Electron (dialogs, capabilities); the rest go straight to the service. */
function electronHandlers(service: HostService, win: BrowserWindow): CallHandlers {
  return {
    ...forwardedCalls(service),
    capabilities: async () => ({ kind: 'electron', nativeDialogs: true, hostPaths: true, version: app.getVersion() }),
    pickAndOpen: async (options) => {
      const picked = await dialog.showOpenDialog(win, { title: 'Open arrays', properties: ['openFile', 'multiSelections'] });
      return picked.canceled || picked.filePaths.length === 0 ? [] : service.openPaths(picked.filePaths, options);
    },
    pickSavePath: async (suggestedName) => {
      // The window suggests a name whose extension follows the chosen format.
      const format = suggestedName.endsWith('.npy')
        ? { title: 'Export NumPy array', filter: { name: 'NumPy array', extensions: ['npy'] } }
        : suggestedName.endsWith('.csv')
          ? { title: 'Export CSV', filter: { name: 'CSV', extensions: ['csv'] } }
          : { title: 'Export HDF5', filter: { name: 'HDF5', extensions: ['h5', 'hdf5'] } };
      const picked = await dialog.showSaveDialog(win, {
        title: format.title,
        defaultPath: suggestedName,
        filters: [format.filter],
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      });
      return picked.canceled || !picked.filePath ? null : picked.filePath;
    },
  };
}

/**
 * Starts the app around the service `createService` builds over the utility-process spawner
 * (the spawner's `liveWorkers()` feeds `electronProcessMemory`). Resolves once the window is loading.
 */
export async function startElectronHost(createService: (spawner: UtilitySpawner) => Promise<DisposableService>): Promise<void> {
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  await app.whenReady();
  guardSession(session.defaultSession);

  const devUrl = process.env.ELECTRON_RENDERER_URL;
  const isTrustedUrl = trustedPageCheck(devUrl);
  // The dev server serves the page itself; app:// exists only for the built renderer.
  if (!devUrl) serveRenderer(join(import.meta.dirname, '../renderer'));

  const service = await createService(createUtilitySpawner());
  const win = createMainWindow({ preloadPath: join(import.meta.dirname, '../preload/index.cjs') });
  const handlers = electronHandlers(service, win);
  const stopIpc = registerIpc({ window: win, service, handlers, isTrustedUrl });
  const sendCommand = (command: MenuCommand): void => {
    if (!win.isDestroyed()) win.webContents.send(MENU_CHANNEL, command);
  };
  const open = (): void => {
    handlers.pickAndOpen().catch((error: unknown) => dialog.showErrorBox('Could not open', error instanceof Error ? error.message : String(error)));
  };
  Menu.setApplicationMenu(buildAppMenu({ open, command: sendCommand, devTools: !app.isPackaged }));

  app.on('second-instance', () => {
    if (win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // The store's segments live in shared memory: quitting waits for the service to remove them.
  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    disposed = true;
    stopIpc();
    // Bounded: a stuck cleanup must not keep the app from quitting (the next start sweeps dead sessions).
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS));
    Promise.race([service.dispose(), timeout])
      .catch((error: unknown) => console.error('arrayport: cleanup failed:', error))
      .finally(() => app.quit());
  });

  await win.loadURL(devUrl ?? APP_ENTRY_URL);
}
