// The sandboxed preload: exposes `window.host` and nothing else. Bundled to out/preload/preload.cjs.
import { contextBridge, ipcRenderer } from 'electron';
import { createHostBridge } from './hostBridge.ts';

contextBridge.exposeInMainWorld('host', createHostBridge(ipcRenderer));
