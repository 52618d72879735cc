// The first frame of every web-mode WebSocket: the page proves who it is before any method or
// event crosses. → { hello: { token } | { session } }   ← { welcome: { session } } or
// ← { refused: { message } } and close 4401. Nothing else is read until the hello is answered.
import type { RawData, WebSocket } from 'ws';
import { parseHello, type WebAccess } from './webAccess.ts';

export const REFUSED_CODE = 4401;
const MAX_HELLO_BYTES = 4096;

/** Calls `done(true)` synchronously on a good hello (so a request in the same packet is not lost), `done(false)` when the socket is refused or closes first. */
export function awaitHello(ws: WebSocket, access: WebAccess, timeoutMs: number, done: (signedIn: boolean) => void): void {
  let settled = false;
  const finish = (ok: boolean): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    ws.off('message', onMessage);
    ws.off('close', onClose);
    done(ok);
  };
  const refuse = (message: string): void => {
    if (ws.readyState === ws.OPEN) {
      ws.send(JSON.stringify({ refused: { message } }));
      ws.close(REFUSED_CODE, 'not signed in');
    }
    finish(false);
  };
  const onMessage = (data: RawData, isBinary: boolean): void => {
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
    const hello = !isBinary && buf.length <= MAX_HELLO_BYTES ? parseHello(buf.toString('utf8')) : undefined;
    if (!hello) return refuse('The first message must be { "hello": { "token" | "session" } }.');
    const outcome = access.redeem(hello);
    if (outcome.kind === 'refused') return refuse(outcome.reason);
    ws.send(JSON.stringify({ welcome: { session: outcome.session } }));
    finish(true);
  };
  const onClose = (): void => finish(false);
  const timer = setTimeout(() => refuse('No sign-in arrived in time.'), timeoutMs);
  ws.on('message', onMessage);
  ws.on('close', onClose);
}
