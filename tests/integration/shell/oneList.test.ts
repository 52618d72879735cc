// One list derives everything: every HOST_METHODS entry has a preload function, an IPC handler
// and a WebSocket route, and every HOST_EVENTS entry reaches both shells.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { HOST_EVENTS, HOST_METHODS, type HostService } from '../../../app/api/contract.ts';
import { silentLogger } from '../../../app/base/logger.ts';
import { HOST_EVENT_CHANNEL, HOST_SUBSCRIBE_CHANNEL, ipcChannel, registerIpcBridge, type IpcMainLike } from '../../../main/electron/ipcBridge.ts';
import { createHostBridge, type HostBridge as PreloadBridge, type IpcRendererLike } from '../../../preload/hostBridge.ts';
import type { HostBridge as RendererBridge } from '../../../renderer/api/hostClientTypes.ts';
import { hostFromBridge } from '../../../renderer/api/ipcHost.ts';
import { request, signedInSocket, startHarness, type Harness } from '../web/webHarness.ts';

// The preload's window.host and the renderer's expectation of it are the same type.
const _sameShape: [PreloadBridge extends RendererBridge ? true : false, RendererBridge extends PreloadBridge ? true : false] = [true, true];
void _sameShape;

/** Electron's IPC between a main process and one window, in memory (Electron cannot run here). */
function fakeIpc(trusted: boolean) {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const onMain = new Map<string, (event: unknown) => void>();
  const onRenderer = new Map<string, (event: unknown, message: unknown) => void>();
  const sender = { id: 1, isDestroyed: () => false, once() {}, send: (channel: string, message: unknown) => onRenderer.get(channel)?.({}, message) };
  const event = { senderFrame: trusted ? { url: 'app://switchboard/index.html', parent: null } : null, sender };
  const ipcMain = {
    handle: (channel: string, fn: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => void handlers.set(channel, fn),
    removeHandler: (channel: string) => void handlers.delete(channel),
    on: (channel: string, fn: (event: unknown) => void) => void onMain.set(channel, fn),
    removeListener: (channel: string) => void onMain.delete(channel),
  } as unknown as IpcMainLike;
  const ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]) => {
      const fn = handlers.get(channel);
      if (!fn) throw new Error(`No handler registered for '${channel}'`);
      return fn(event as unknown as IpcMainInvokeEvent, ...args);
    },
    on: (channel: string, fn: (event: unknown, message: unknown) => void) => void onRenderer.set(channel, fn),
    send: (channel: string) => onMain.get(channel)?.(event),
  } as unknown as IpcRendererLike;
  return { ipcMain, ipcRenderer, handlers, onMain };
}

function recordingHost() {
  const calls: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const host: HostService = {
    call: async (method) => {
      calls.push(method);
      return { echoed: method } as never;
    },
    callParsed: async (method) => {
      calls.push(method);
      return { echoed: method } as never;
    },
    on: (event, fn) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(fn as (payload: unknown) => void);
      return () => void set.delete(fn as (payload: unknown) => void);
    },
    dispose: async () => {},
  };
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((fn) => fn(payload));
  return { host, calls, emit, listeners };
}

describe('every method in HOST_METHODS', () => {
  it('has exactly one preload function and nothing generic', () => {
    const { ipcRenderer } = fakeIpc(true);
    const bridge = createHostBridge(ipcRenderer) as unknown as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...HOST_METHODS, 'on'].sort());
    for (const method of HOST_METHODS) expect(typeof bridge[method]).toBe('function');
    expect(bridge.invoke).toBeUndefined();
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('has an IPC handler that validates params and reaches the core', async () => {
    const { ipcMain, ipcRenderer, handlers } = fakeIpc(true);
    const { host, calls } = recordingHost();
    const dispose = registerIpcBridge({ ipcMain, host, logger: silentLogger, isTrustedSender: (frame) => frame !== null });
    expect([...handlers.keys()].filter((c) => c !== HOST_SUBSCRIBE_CHANNEL).sort()).toEqual(HOST_METHODS.map(ipcChannel).sort());
    const api = hostFromBridge(createHostBridge(ipcRenderer) as RendererBridge);
    for (const method of HOST_METHODS) {
      const outcome = await (api[method] as (p: unknown) => Promise<unknown>)({}).then(
        (result) => ({ result }),
        (error: { code: string }) => ({ code: error.code }),
      );
      // Either the core answered, or the method's own schema refused {} — never "unknown method".
      if ('code' in outcome) expect(outcome.code, method).toBe('invalid-params');
      else expect(outcome.result, method).toEqual({ echoed: method });
    }
    expect(calls.length).toBeGreaterThan(0);
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('is refused over IPC from a frame that is not our app, reaching no method', async () => {
    const { ipcMain, ipcRenderer } = fakeIpc(false);
    const { host, calls } = recordingHost();
    registerIpcBridge({ ipcMain, host, logger: silentLogger, isTrustedSender: (frame) => frame !== null });
    const bridge = createHostBridge(ipcRenderer);
    expect(await bridge['servers.list']({})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(calls).toEqual([]);
  });

  it('forwards every HOST_EVENTS entry to a subscribed window', () => {
    const { ipcMain, ipcRenderer } = fakeIpc(true);
    const { host, emit } = recordingHost();
    registerIpcBridge({ ipcMain, host, logger: silentLogger, isTrustedSender: (frame) => frame !== null });
    const bridge = createHostBridge(ipcRenderer);
    const seen: string[] = [];
    for (const event of HOST_EVENTS) bridge.on(event, () => seen.push(event));
    for (const event of HOST_EVENTS) emit(event, {});
    expect(seen).toEqual([...HOST_EVENTS]);
    expect(HOST_EVENT_CHANNEL).toBe('host:event');
  });

  describe('over the WebSocket', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness();
    });
    afterAll(async () => {
      await h.stop();
    });

    it('has a route (never "unknown method")', async () => {
      const { ws } = await signedInSocket(h);
      let id = 0;
      for (const method of HOST_METHODS) {
        // Only methods whose schema refuses {} or that are read-only get {}; nothing here spawns.
        const reply = await request(ws, { id: ++id, method, params: { __probe: true } });
        expect(reply.id).toBe(id);
        expect((reply.error as { code?: string } | undefined)?.code, method).toBe('invalid-params');
      }
      ws.close();
      expect(h.calls).toEqual([]);
    });
  });
});
