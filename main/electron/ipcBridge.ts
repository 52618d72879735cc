// The Electron edge of the contract: one `ipcMain.handle('host:<method>')` per HOST_METHODS entry,
// each checking the sender frame and validating params before the core sees them, plus event
// forwarding to the windows that subscribed. Takes Electron's objects as parameters so the
// wiring is testable without Electron.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { HOST_EVENTS, HOST_METHODS, type HostMethod, type HostService } from '../../app/api/contract.ts';
import type { Logger } from '../../app/base/logger.ts';
import { callHost, type CallOutcome } from '../shared/callHost.ts';

export const ipcChannel = (method: HostMethod): string => `host:${method}`;
export const HOST_EVENT_CHANNEL = 'host:event';
export const HOST_SUBSCRIBE_CHANNEL = 'host:subscribe';

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>;

export interface IpcBridgeOptions {
  ipcMain: IpcMainLike;
  host: HostService;
  logger: Logger;
  /** True when the frame is the main frame of one of our windows, showing our app. */
  isTrustedSender(frame: WebFrameMain | null, sender: WebContents): boolean;
}

export function registerIpcBridge(options: IpcBridgeOptions): () => void {
  const { ipcMain, host, logger, isTrustedSender } = options;
  const subscribers = new Map<number, WebContents>();

  for (const method of HOST_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event: IpcMainInvokeEvent, params: unknown): Promise<CallOutcome> => {
      if (!isTrustedSender(event.senderFrame, event.sender)) {
        logger.warn('refused an IPC call from an untrusted frame', { method });
        return { ok: false, error: { code: 'unavailable', message: 'This window may not call Switchboard.' } };
      }
      return callHost(host, method, params, logger);
    });
  }

  const onSubscribe = (event: IpcMainEvent): void => {
    const wc = event.sender;
    if (!isTrustedSender(event.senderFrame, wc) || subscribers.has(wc.id)) return;
    subscribers.set(wc.id, wc);
    wc.once('destroyed', () => subscribers.delete(wc.id));
  };
  ipcMain.on(HOST_SUBSCRIBE_CHANNEL, onSubscribe);

  const offs = HOST_EVENTS.map((name) =>
    host.on(name, (payload) => {
      for (const wc of subscribers.values()) {
        if (!wc.isDestroyed()) wc.send(HOST_EVENT_CHANNEL, { event: name, payload });
      }
    }),
  );

  return () => {
    for (const method of HOST_METHODS) ipcMain.removeHandler(ipcChannel(method));
    ipcMain.removeListener(HOST_SUBSCRIBE_CHANNEL, onSubscribe);
    for (const off of offs) off();
    subscribers.clear();
  };
}
