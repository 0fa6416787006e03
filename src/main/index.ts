// Electron main process entry: starts the Electron host around the app service, with Electron's own memory metrics.
import { app } from 'electron';
import { createAppService } from '../core/app-service.js';
import { electronProcessMemory, electronSystemMemory } from './electron-metrics.js';
import { startElectronHost } from './electron-host.js';

startElectronHost((spawner) =>
  createAppService(spawner, { processMemory: () => electronProcessMemory(spawner.liveWorkers()), systemMemory: electronSystemMemory }),
).catch((error: unknown) => {
  console.error('arrayport: failed to start:', error);
  app.exit(1);
});
