// The one window, locked down per Electron's security checklist: isolated, sandboxed, no navigation, no popups, no permissions.
import { BrowserWindow, type Session, type WebContents } from 'electron';

export interface WindowOptions {
  readonly preloadPath: string;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 720,
    minHeight: 480,
    title: 'Arrayport',
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Middle-click (auxclick) could open links outside the navigation guards.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  return win;
}

/**
 * For every web contents the app creates (checklist #13–14): a file dropped outside the drop zone would
 * otherwise navigate the window to file://…, and nothing may open windows or attach webviews.
 */
export function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Checklist #5: no camera, notifications, clipboard-read, … for the page. */
export function guardSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
