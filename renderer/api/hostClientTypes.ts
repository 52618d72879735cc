// What the renderer's transport clients hand the UI: the HostApi plus the connection's status.
import type { HostApi, HostEvent, HostEvents, HostMethod, HostMethods } from '../../app/api/contract.ts';
import type { HostErrorData } from '../../app/api/errors.ts';

export type ConnectionStatus =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'open'; /** How many times the link dropped and came back: refetch state when this grows. */ reconnects: number }
  | { kind: 'closed'; reason: string; /** Epoch ms of the next attempt. */ retryAt?: number };

export type HostClient = HostApi & {
  status(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
};

/** The shape preload/ exposes at `window.host` (kept in step with preload/hostBridge.ts by a test). */
export type IpcResult<T> = { ok: true; result: T } | { ok: false; error: HostErrorData };
export type HostBridge = {
  [M in HostMethod]: (params: HostMethods[M]['params']) => Promise<IpcResult<HostMethods[M]['result']>>;
} & {
  on<E extends HostEvent>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
};
