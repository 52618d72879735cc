// The 2026-07-28 era has no `logging/setLevel`: the level travels in every request's `_meta`
// (`io.modelcontextprotocol/logLevel`), and the server logs to that request at that level or above. This
// stamps it on each request the client sends, read fresh, so a change applies from the next request on.
import { type Client, type JSONRPCMessage, LOG_LEVEL_META_KEY } from '@modelcontextprotocol/client';
import type { McpLogLevel } from '../api/views.ts';

const stamped = new WeakSet<object>();

/** Stamps `level()` (when set) on every request `client` sends from now on; once per transport. */
export function stampLogLevel(client: Client, level: () => McpLogLevel | undefined): void {
  const transport = client.transport;
  if (!transport || stamped.has(transport)) return;
  stamped.add(transport);
  const send = transport.send.bind(transport);
  transport.send = (message: JSONRPCMessage, options) => {
    const current = level();
    if (current === undefined || !('method' in message) || !('id' in message)) return send(message, options);
    const params = (message.params ?? {}) as { _meta?: Record<string, unknown> };
    return send({ ...message, params: { ...params, _meta: { ...params._meta, [LOG_LEVEL_META_KEY]: current } } }, options);
  };
}
