// What the task driver needs of a connection to a server: send a request, hear a notification. No SDK
// Client type crosses this line, so the driver runs the same over the v1 SDK, the v2 client, or a bare
// JSON-RPC pipe; the host (or a test) adapts its client in a few lines.
import type { StopSignal } from '../base/callStop.ts';

export interface TaskChannel {
  /** One JSON-RPC request; resolves with its raw result, rejects with the server's error (keeping its `code`). */
  request(method: string, params: Record<string, unknown>, opts: { signal?: StopSignal | undefined; timeoutMs: number }): Promise<unknown>;
  /** Hears one notification method on this connection; returns the stop. Optional: the driver polls anyway. */
  onNotification?(method: string, fn: (params: unknown) => void): () => void;
}

/**
 * The server's channel as it is now. It waits (up to `waitMs`) while the server is reconnecting or
 * starting, and rejects with a sentence for people once it gives up or the server is gone.
 */
export type ChannelSource = (waitMs: number) => Promise<TaskChannel>;
