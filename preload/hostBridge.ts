// Builds `window.host` from HOST_METHODS and HOST_EVENTS: one function per method (never a
// generic invoke), and `on(event, fn)` returning its unsubscribe. Takes the Electron objects
// as parameters so the surface is testable without Electron.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { HOST_METHODS, isHostEvent, type HostEvent, type HostEvents, type HostMethod, type HostMethods } from '../app/api/contract.ts';
import type { HostErrorData } from '../app/api/errors.ts';

export type IpcResult<T> = { ok: true; result: T } | { ok: false; error: HostErrorData };

/** What the renderer finds at `window.host`. Results arrive wrapped: errors lose their fields when thrown across the bridge. */
export type HostBridge = {
  [M in HostMethod]: (params: HostMethods[M]['params']) => Promise<IpcResult<HostMethods[M]['result']>>;
} & {
  on<E extends HostEvent>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
};

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
