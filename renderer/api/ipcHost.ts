// The HostApi over Electron IPC: wraps `window.host`, turning `{ ok: false, error }` into a thrown HostError.
import { HOST_METHODS } from '../../app/api/contract.ts';
import { HostError, isHostErrorData } from '../../app/api/errors.ts';
import type { ConnectionStatus, HostBridge, HostClient } from './hostClientTypes.ts';

export function hostFromBridge(bridge: HostBridge): HostClient {
  const status: ConnectionStatus = { kind: 'open', reconnects: 0 };
  const api: Record<string, unknown> = {
    on: bridge.on.bind(bridge),
    status: () => status,
    onStatus: (listener: (s: ConnectionStatus) => void) => {
      listener(status);
      return () => {};
    },
    close: () => {},
  };
  for (const method of HOST_METHODS) {
    const call = bridge[method] as (params: unknown) => Promise<unknown>;
    api[method] = async (params: unknown) => {
      const reply = (await call(params ?? {})) as { ok?: unknown; result?: unknown; error?: unknown };
      if (reply && reply.ok === true) return reply.result;
      if (reply && isHostErrorData(reply.error)) throw HostError.from(reply.error);
      throw new HostError('internal', `Switchboard sent an unreadable answer to ${method}.`);
    };
  }
  return api as HostClient;
}
