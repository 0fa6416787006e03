// Sandboxed preload (placeholder until the Electron host lands).
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('arrayportPlaceholder', true);
