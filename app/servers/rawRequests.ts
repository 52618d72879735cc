// JSON-RPC requests sent on a connected transport beside its SDK client, their answers taken off the wire
// before the client sees them: for answers the SDK's own codec refuses, such as the Tasks extension's
// `resultType: "task"` to tools/call. Each request carries the protocol envelope the client itself sent last
// (2026-07-28's `_meta` protocol version, client info and capabilities), so a server cannot tell the two
// apart. The caller parses every answer itself.
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';

export interface RawRequestOptions {
  signal?: AbortSignal | undefined;
  timeoutMs: number;
}

export interface RawRequester {
  request(method: string, params: Record<string, unknown>, opts: RawRequestOptions): Promise<unknown>;
}

const ENVELOPE_PREFIX = 'io.modelcontextprotocol/';
const requesters = new WeakMap<Transport, RawRequester>();

/**
 * The requester of a transport. Made before the client connects (servers/openClient.ts), it sees the
 * envelope of every request from the handshake on; it takes over `onmessage` (which the client sets when it
 * connects) at its first request.
 */
export function rawRequester(transport: Transport): RawRequester {
  const known = requesters.get(transport);
  if (known) return known;
  const waiting = new Map<string, { resolve(v: unknown): void; reject(e: Error): void }>();
  // The `_meta` of the client's latest request, kept as it is: the envelope is read out of it only when a
  // raw request goes, so the client's own sends (every tool call) pay one assignment, not a copy.
  let lastMeta: Record<string, unknown> | undefined;
  let next = 1;
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    // Each request of the client's says what the era wants now: after an `auto` probe falls back to the
    // 2025 era, its requests carry no envelope, and neither do ours.
    if ('method' in message && 'id' in message) lastMeta = (message.params as { _meta?: Record<string, unknown> } | undefined)?._meta;
    return send(message, options);
  };
  let listening = false;
  const listen = () => {
    if (listening) return;
    listening = true;
    const receive = transport.onmessage;
    transport.onmessage = (message, extra) => {
      const id = 'id' in message && !('method' in message) ? message.id : undefined;
      const w = typeof id === 'string' ? waiting.get(id) : undefined;
      if (!w) return receive?.(message, extra);
      const reply = message as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
      if (reply.error) w.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code, data: reply.error.data }));
      else w.resolve(reply.result);
    };
  };

  const requester: RawRequester = {
    request(method, params, { signal, timeoutMs }) {
      listen();
      const id = `switchboard-raw-${next++}`;
      const { _meta, ...rest } = params as { _meta?: Record<string, unknown> };
      const envelope = Object.fromEntries(Object.entries(lastMeta ?? {}).filter(([key]) => key.startsWith(ENVELOPE_PREFIX)));
      const message = { jsonrpc: '2.0', id, method, params: { ...rest, _meta: { ...envelope, ..._meta } } } as JSONRPCMessage;
      return new Promise((resolve, reject) => {
        const settle = (fn: () => void) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          waiting.delete(id);
          fn();
        };
        const onAbort = () => {
          settle(() => reject(new Error('The request was stopped.')));
          void send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason: 'stopped' } } as JSONRPCMessage).catch(() => {});
        };
        const timer = setTimeout(
          () => settle(() => reject(new Error(`The server did not answer ${method} within ${Math.round(timeoutMs / 1000)} s.`))),
          timeoutMs,
        );
        waiting.set(id, { resolve: (v) => settle(() => resolve(v)), reject: (e) => settle(() => reject(e)) });
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        send(message).catch((error: unknown) => settle(() => reject(error instanceof Error ? error : new Error(String(error)))));
      });
    },
  };
  requesters.set(transport, requester);
  return requester;
}
