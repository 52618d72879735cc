// One WebSocket client of the web-mode server. Frames are JSON:
//   → { id, method, params }         ← { id, result } | { id, error: HostErrorData }
//   ← { event, payload } for every HOST_EVENTS entry.
// Bad frames get structured errors and the socket stays open; a bound on in-flight requests
// answers a flood with 'rate-limited' instead of queueing it.
import type { RawData, WebSocket } from 'ws';
import { HOST_EVENTS, type HostService } from '../../app/api/contract.ts';
import type { HostErrorData } from '../../app/api/errors.ts';
import type { Logger } from '../../app/base/logger.ts';
import { callHost } from '../shared/callHost.ts';

export interface WsSessionLimits {
  /** Frames above this get a 'too-large' error; the socket stays open. */
  softMaxBytes: number;
  /** Requests being answered at once; more get 'rate-limited'. */
  maxInFlight: number;
  /** Outgoing bytes queued for a client that does not read; past this the socket is closed. */
  maxBufferedBytes: number;
}

type RequestId = string | number;

export function attachWsSession(socket: WebSocket, host: HostService, logger: Logger, limits: WsSessionLimits): () => void {
  let inFlight = 0;
  let closed = false;

  const send = (frame: unknown): void => {
    if (closed || socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > limits.maxBufferedBytes) {
      socket.close(1013, 'The client is not reading its messages.');
      return;
    }
    socket.send(JSON.stringify(frame));
  };
  const sendError = (id: RequestId | null, error: HostErrorData): void => send({ id, error });

  const offs = HOST_EVENTS.map((event) => host.on(event, (payload) => send({ event, payload })));

  socket.on('message', (data: RawData, isBinary: boolean) => {
    const bytes = byteLength(data);
    if (bytes > limits.softMaxBytes) {
      sendError(peekId(data), {
        code: 'too-large',
        message: `That request is ${formatBytes(bytes)}; the limit is ${formatBytes(limits.softMaxBytes)}.`,
      });
      return;
    }
    if (isBinary) {
      sendError(null, { code: 'invalid-params', message: 'Send requests as JSON text frames, not binary.' });
      return;
    }
    let frame: unknown;
    try {
      frame = JSON.parse(rawToString(data));
    } catch {
      sendError(null, { code: 'invalid-params', message: 'That frame was not valid JSON. Send { "id", "method", "params" }.' });
      return;
    }
    if (!isRequest(frame)) {
      sendError(peekObjectId(frame), {
        code: 'invalid-params',
        message: 'A request needs an "id" (string or number) and a "method" (string).',
      });
      return;
    }
    if (inFlight >= limits.maxInFlight) {
      sendError(frame.id, {
        code: 'rate-limited',
        message: `Too many requests at once (${limits.maxInFlight} are already running). Wait for some to finish.`,
      });
      return;
    }
    inFlight++;
    void callHost(host, frame.method, frame.params, logger).then((outcome) => {
      inFlight--;
      send(outcome.ok ? { id: frame.id, result: outcome.result ?? null } : { id: frame.id, error: outcome.error });
    });
  });

  const stop = (): void => {
    if (closed) return;
    closed = true;
    for (const off of offs) off();
  };
  socket.on('close', stop);
  socket.on('error', (error) => logger.warn('web socket error', { error: error.message }));
  return stop;
}

function isRequest(value: unknown): value is { id: RequestId; method: string; params?: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return isId(v.id) && typeof v.method === 'string';
}

function isId(value: unknown): value is RequestId {
  return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length > 0 && value.length <= 64);
}

function peekObjectId(value: unknown): RequestId | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = (value as Record<string, unknown>).id;
  return isId(id) ? id : null;
}

/** Recovers the id of an oversized frame without parsing it, when the id comes first (ours does). */
function peekId(data: RawData): RequestId | null {
  const head = rawToString(data, 128);
  const match = /^\s*\{\s*"id"\s*:\s*(-?\d{1,15}|"[A-Za-z0-9_.:-]{1,64}")/.exec(head);
  if (!match?.[1]) return null;
  return match[1].startsWith('"') ? match[1].slice(1, -1) : Number(match[1]);
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function rawToString(data: RawData, limit?: number): string {
  const buf = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
  return (limit === undefined ? buf : buf.subarray(0, limit)).toString('utf8');
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
