// Electron main process entry (placeholder until the Electron host lands).
import { app } from 'electron';

void app.whenReady();
