// What the renderer's transport clients hand the UI: the HostApi plus the connection's status.
import type { HostApi } from '../../app/api/contract.ts';

export type ConnectionStatus =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'open'; /** How many times the link dropped and came back: refetch state when this grows. */ reconnects: number }
  | { kind: 'closed'; reason: string; /** Epoch ms of the next attempt. */ retryAt?: number }
  /** The server refused this tab's sign-in: no retries; `reason` says what to do. */
  | { kind: 'signed-out'; reason: string };

export type HostClient = HostApi & {
  status(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
};

export type { HostBridge, IpcResult } from '../../app/api/contract.ts';
