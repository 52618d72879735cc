// Builds `window.host` from HOST_METHODS and HOST_EVENTS: one function per method (never a
// generic invoke), and `on(event, fn)` returning its unsubscribe. Takes the Electron objects
// as parameters so the surface is testable without Electron.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { HOST_METHODS, isHostEvent, type HostBridge, type HostEvent } from '../app/api/contract.ts';

export type { HostBridge, IpcResult } from '../app/api/contract.ts';

const EVENT_CHANNEL = 'host:event';
const SUBSCRIBE_CHANNEL = 'host:subscribe';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'send'>;

export function createHostBridge(ipcRenderer: IpcRendererLike): HostBridge {
  const listeners = new Map<HostEvent, Set<(payload: unknown) => void>>();
  let subscribed = false;

  const onEvent = (_event: IpcRendererEvent, message: unknown): void => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (!isHostEvent(event)) return;
    for (const fn of [...(listeners.get(event) ?? [])]) {
      try {
        fn(payload);
      } catch (error) {
        console.error(`A ${event} listener failed`, error);
      }
    }
  };

  const bridge: Record<string, unknown> = {};
  for (const method of HOST_METHODS) {
    bridge[method] = (params: unknown) => ipcRenderer.invoke(`host:${method}`, params ?? {});
  }
  bridge.on = (event: unknown, listener: unknown): (() => void) => {
    if (!isHostEvent(event)) throw new Error(`There is no event called "${String(event)}".`);
    if (typeof listener !== 'function') throw new Error('on(event, listener) needs a function.');
    if (!subscribed) {
      subscribed = true;
      ipcRenderer.on(EVENT_CHANNEL, onEvent);
      ipcRenderer.send(SUBSCRIBE_CHANNEL);
    }
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const fn = listener as (payload: unknown) => void;
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  };
  return Object.freeze(bridge) as HostBridge;
}
