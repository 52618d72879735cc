// Watches one transport's JSON-RPC messages so a tool call can show its own: the tools/call request,
// its response, its progress and cancellation, and the server's log messages while it ran.
// Long strings are shortened as they are copied, so a 20 MB result never becomes a second 20 MB string.
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import type { WireMessageView } from '../api/views.ts';

const MAX_STRING = 2_000;
const MAX_JSON = 20_000;
const MAX_MESSAGES = 60;

type Direction = WireMessageView['direction'];
type Listener = (direction: Direction, message: JSONRPCMessage) => void;

export interface WireCapture {
  /** Stops recording and returns what was recorded, in order. */
  stop(): WireMessageView[];
}

export interface WireTap {
  /**
   * Records the next `tools/call` of `toolName` sent from now on (the one carrying `progressToken`, when
   * given: parallel calls of one tool then never swap their records), and everything that belongs to it.
   */
  capture(toolName: string, progressToken?: string | number): WireCapture;
}

function shorten(_key: string, value: unknown): unknown {
  return typeof value === 'string' && value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length - MAX_STRING} more characters)` : value;
}

function labelOf(message: JSONRPCMessage): string {
  if ('method' in message) return message.method;
  return 'error' in message ? 'error' : 'response';
}

function viewOf(direction: Direction, message: JSONRPCMessage, at: number): WireMessageView {
  // The envelope first, as people read JSON-RPC: jsonrpc, id, method, then the rest.
  const { jsonrpc, ...rest } = message as { jsonrpc: string; id?: unknown; method?: unknown };
  const { id, method, ...body } = rest;
  const json = JSON.stringify({ jsonrpc, ...(id !== undefined ? { id } : {}), ...(method !== undefined ? { method } : {}), ...body }, shorten, 2);
  return { direction, at, label: labelOf(message), json: json.length > MAX_JSON ? `${json.slice(0, MAX_JSON)}\n… (cut)` : json };
}

/** Wraps `send` and `onmessage` of a connected transport. Install after the handshake, once per transport. */
export function tapWire(transport: Transport, now: () => number): WireTap {
  const listeners = new Set<Listener>();
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    for (const fn of listeners) fn('sent', message);
    return send(message, options);
  };
  const receive = transport.onmessage;
  transport.onmessage = (message, extra) => {
    for (const fn of listeners) fn('received', message);
    receive?.(message, extra);
  };

  return {
    capture(toolName, progressToken) {
      const recorded: WireMessageView[] = [];
      let id: string | number | undefined;
      // The token the request asked progress under: its own id when the SDK adds it, the host's when it does.
      let token: unknown;
      const keep = (direction: Direction, message: JSONRPCMessage) => {
        if (recorded.length < MAX_MESSAGES) recorded.push(viewOf(direction, message, now()));
      };
      const listener: Listener = (direction, message) => {
        if (id === undefined) {
          if (direction !== 'sent' || !('method' in message) || message.method !== 'tools/call' || !('id' in message)) return;
          const params = message.params as { name?: unknown; _meta?: { progressToken?: unknown } } | undefined;
          if (params?.name !== toolName || (progressToken !== undefined && params._meta?.progressToken !== progressToken)) return;
          id = message.id;
          token = params._meta?.progressToken;
          keep(direction, message);
          return;
        }
        if ('id' in message && !('method' in message) && message.id === id) return keep(direction, message);
        if (!('method' in message)) return;
        const params = (message.params ?? {}) as { progressToken?: unknown; requestId?: unknown };
        if (message.method === 'notifications/progress' && token !== undefined && params.progressToken === token) return keep(direction, message);
        if (message.method === 'notifications/cancelled' && params.requestId === id) return keep(direction, message);
        if (message.method === 'notifications/message' && direction === 'received') keep(direction, message);
      };
      listeners.add(listener);
      return {
        stop() {
          listeners.delete(listener);
          return recorded;
        },
      };
    },
  };
}
