// The application menu: File (Open…, Export…, Close dataset, Quit), Edit for copy, View for zoom.
import { Menu, type MenuItemConstructorOptions } from 'electron';

/** Commands the menu hands to the renderer, which owns the state they act on (the export dialog, the selected dataset). */
export type MenuCommand = 'export' | 'close-dataset';

export interface MenuActions {
  /** Open… is handled in main: native dialog, then openPaths (the window learns of it through the datasets event). */
  open(): void;
  command(command: MenuCommand): void;
  readonly devTools: boolean;
}

export function buildAppMenu(actions: MenuActions): Menu {
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.command('export') },
      { type: 'separator' },
      { label: 'Close dataset', accelerator: 'CmdOrCtrl+W', click: () => actions.command('close-dataset') },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' },
      ...(actions.devTools ? [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };
  return Menu.buildFromTemplate([file, edit, view]);
}
