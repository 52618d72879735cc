// The HostApi over the web-mode WebSocket: one function per HOST_METHODS entry, events fanned
// out to listeners that survive reconnects, and a reconnect loop with backoff. A dropped link
// rejects the calls in flight with a readable 'unavailable' error. Every socket signs in with its
// first frame (`auth.hello()`) and counts as open only once the server welcomes it; a refusal
// ends in 'signed-out' with the server's words, and no more retries.
import { HOST_METHODS, isHostEvent, type HostEvent } from '../../app/api/contract.ts';
import { HostError, isHostErrorData } from '../../app/api/errors.ts';
import type { ConnectionStatus, HostClient } from './hostClientTypes.ts';

/** The slice of the browser WebSocket this client uses (the `ws` package fits it too, for tests). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WsHello = { token: string } | { session: string } | { none: true };

/** What a socket says first, and what it keeps from the answer. */
export interface WsAuth {
  /** `{ token }` (a one-time link), `{ session }` (a credential from an earlier welcome), or `{ none }`. */
  hello(): WsHello;
  welcome(session: string): void;
  refused(): void;
}

export interface WsHostOptions {
  url: string;
  auth: WsAuth;
  createSocket?: (url: string) => SocketLike;
  /** Bytes; larger requests fail here with 'too-large' instead of reaching the server. */
  maxFrameBytes?: number;
  backoff?: { initialMs: number; maxMs: number };
}

const OPEN = 1;
interface Pending {
  resolve(value: unknown): void;
  reject(error: HostError): void;
}

export function connectWebSocketHost(options: WsHostOptions): Promise<HostClient> {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const maxFrameBytes = options.maxFrameBytes ?? 4 * 1024 * 1024;
  const backoff = options.backoff ?? { initialMs: 250, maxMs: 10_000 };
  const listeners = new Map<HostEvent, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const pending = new Map<number, Pending>();
  const waiting: (() => void)[] = [];
  let socket: SocketLike | undefined;
  let status: ConnectionStatus = { kind: 'connecting', attempt: 1 };
  let nextId = 1;
  let failures = 0;
  let opens = 0;
  let closedByUser = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let settleFirst: (() => void) | undefined;
  let signedIn = false;
  let refusal: string | undefined;

  const setStatus = (next: ConnectionStatus): void => {
    status = next;
    for (const fn of [...statusListeners]) fn(next);
  };

  const failAll = (message: string): void => {
    for (const [id, call] of pending) {
      pending.delete(id);
      call.reject(new HostError('unavailable', message));
    }
    for (const run of waiting.splice(0)) run();
  };

  const dispatch = (raw: unknown): void => {
    let frame: Record<string, unknown>;
    try {
      frame = JSON.parse(String(raw)) as Record<string, unknown>;
    } catch {
      return;
    }
    if (!signedIn) {
      const welcome = frame.welcome as { session?: unknown } | undefined;
      const refused = frame.refused as { message?: unknown } | undefined;
      if (welcome && typeof welcome.session === 'string') {
        signedIn = true;
        options.auth.welcome(welcome.session);
        failures = 0;
        setStatus({ kind: 'open', reconnects: opens++ });
        for (const run of waiting.splice(0)) run();
        settleFirst?.();
      } else if (refused && typeof refused.message === 'string') {
        refusal = refused.message;
        options.auth.refused();
      }
      return;
    }
    if (typeof frame.event === 'string') {
      if (!isHostEvent(frame.event)) return;
      for (const fn of [...(listeners.get(frame.event) ?? [])]) {
        try {
          fn(frame.payload);
        } catch (error) {
          console.error(`A ${frame.event} listener failed`, error);
        }
      }
      return;
    }
    const call = typeof frame.id === 'number' ? pending.get(frame.id) : undefined;
    if (!call) {
      if (isHostErrorData(frame.error)) console.warn('Switchboard refused a request:', frame.error.message);
      return;
    }
    pending.delete(frame.id as number);
    if (isHostErrorData(frame.error)) call.reject(HostError.from(frame.error));
    else call.resolve(frame.result);
  };

  const open = (): void => {
    const s = createSocket(options.url);
    socket = s;
    signedIn = false;
    s.onopen = () => s.send(JSON.stringify({ hello: options.auth.hello() }));
    s.onmessage = (event) => dispatch(event.data);
    s.onerror = () => {};
    s.onclose = (event) => {
      if (socket !== s) return;
      socket = undefined;
      const why = event.code === 1009 ? 'A request was too large and the server closed the connection.' : 'Lost the connection to Switchboard.';
      if (refusal !== undefined) {
        failAll(refusal);
        setStatus({ kind: 'signed-out', reason: refusal });
        return settleFirst?.();
      }
      failAll(`${why} Is Switchboard still running? Reconnecting…`);
      settleFirst?.();
      if (closedByUser) return setStatus({ kind: 'closed', reason: 'Closed.' });
      failures++;
      const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (failures - 1)) * (0.8 + Math.random() * 0.4);
      setStatus({ kind: 'closed', reason: why, retryAt: Date.now() + delay });
      retryTimer = setTimeout(() => {
        setStatus({ kind: 'connecting', attempt: failures + 1 });
        open();
      }, delay);
    };
  };

  const call = (method: string, params: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const send = (): void => {
        if (!socket || socket.readyState !== OPEN || !signedIn) {
          reject(new HostError('unavailable', 'Not connected to Switchboard right now. It will reconnect by itself; try again in a moment.'));
          return;
        }
        const id = nextId++;
        const frame = JSON.stringify({ id, method, params: params ?? {} });
        if (frame.length > maxFrameBytes || new TextEncoder().encode(frame).length > maxFrameBytes) {
          reject(new HostError('too-large', `That request is too large to send (limit ${Math.round(maxFrameBytes / 1024 / 1024)} MB).`));
          return;
        }
        pending.set(id, { resolve, reject });
        socket.send(frame);
      };
      if (status.kind === 'signed-out') reject(new HostError('unavailable', status.reason));
      else if (status.kind === 'connecting') waiting.push(send);
      else send();
    });

  const api: Record<string, unknown> = {
    on(event: HostEvent, listener: (payload: unknown) => void) {
      if (!isHostEvent(event)) throw new Error(`There is no event called "${String(event)}".`);
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    status: () => status,
    onStatus(listener: (s: ConnectionStatus) => void) {
      statusListeners.add(listener);
      listener(status);
      return () => void statusListeners.delete(listener);
    },
    close() {
      closedByUser = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close(1000, 'closed by the app');
      failAll('The connection to Switchboard was closed.');
      setStatus({ kind: 'closed', reason: 'Closed.' });
    },
  };
  for (const method of HOST_METHODS) api[method] = (params: unknown) => call(method, params);

  return new Promise((resolve) => {
    settleFirst = () => {
      settleFirst = undefined;
      resolve(api as HostClient);
    };
    open();
  });
}
