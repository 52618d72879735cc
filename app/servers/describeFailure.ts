// Turns what went wrong while connecting to a server into a message for a person.
import { ProtocolError, SdkError, SdkErrorCode, SdkHttpError, SseError, SUPPORTED_PROTOCOL_VERSIONS, UnauthorizedError } from '@modelcontextprotocol/client';
import type { ConnectionState } from '../api/views.ts';
import type { ProtocolChoice } from '../config/serverDefinition.ts';
import type { ExitInfo } from './observedStdioTransport.ts';

export interface Failure {
  message: string;
  httpStatus?: number;
  needsAuth?: boolean;
  /** Extra lines for stderrTail, e.g. an HTTP body excerpt. */
  detail?: string[];
  /** Retrying will not help (command missing, credentials needed): no automatic restart. */
  final?: boolean;
}

/** A failure we detected ourselves, already worded for a person. */
export class ConnectFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function exitPhrase(exit: ExitInfo): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

/** The HTTP status inside an SDK transport error, if any. */
export function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof UnauthorizedError) return 401;
  // The v2 SDK's HTTP error carries the status in `status`; its `code` is the SDK's own string code.
  if (error instanceof SdkHttpError) return error.status >= 100 ? error.status : undefined;
  if (error instanceof SseError) return typeof error.code === 'number' && error.code >= 100 ? error.code : undefined;
  return undefined;
}

/** The revisions a server named when it refused ours (JSON-RPC -32022 in an HTTP 400 body), if it did. */
export function supportedRevisions(error: unknown): string[] | undefined {
  if (httpStatusOf(error) !== 400 || !(error instanceof Error)) return undefined;
  const json = /\{.*\}/s.exec(error.message)?.[0];
  if (!json) return undefined;
  try {
    const body = JSON.parse(json) as { error?: { data?: { supported?: unknown } } };
    const supported = body.error?.data?.supported;
    return Array.isArray(supported) && supported.length > 0 && supported.every((v) => typeof v === 'string') ? supported : undefined;
  } catch {
    return undefined;
  }
}

/** The Node network error code (ECONNREFUSED, …) inside an error or its causes. */
export function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    // The SDK's own errors carry string codes too (REQUEST_TIMEOUT, …): those are not network codes.
    if (typeof code === 'string' && !(e instanceof SdkError)) return code;
    // Some transports (legacy SSE) keep only the text of the network error.
    const text = e instanceof Error ? e.message : '';
    const named = /\b(ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EHOSTUNREACH)\b/.exec(text)?.[1];
    if (named) return named;
    if (/\bbad port\b/.test(text) || (e as { cause?: { message?: unknown } }).cause?.message === 'bad port') return 'BAD_PORT';
  }
  return undefined;
}

export interface FailureContext {
  name: string;
  phase: 'starting' | 'ready';
  initTimeoutMs: number;
  url?: string;
  exit?: ExitInfo;
  firstStdoutLine?: string;
  /** The last transport or protocol error seen, e.g. an oversized message. */
  lastError?: string;
  /** The last line the server wrote to stderr, quoted in the message wherever it is shown. */
  lastStderr?: string;
  /** The connection ran with an OAuth provider: an unexplained error came from the sign-in flow. */
  oauth?: boolean;
  /** The `"protocol"` the entry pins, if it does. */
  protocol?: ProtocolChoice;
}

/** Every revision Switchboard speaks: the 2026-07-28 era and the 2025 era's. */
export const SPOKEN_REVISIONS: readonly string[] = ['2026-07-28', ...SUPPORTED_PROTOCOL_VERSIONS];

/** A server that named the revisions it speaks, none of them in the era we asked for: which words explain it. */
function eraMismatch(who: string, revisions: string[], protocol: ProtocolChoice | undefined): string {
  const list = revisions.join(', ');
  if (!revisions.some((v) => SPOKEN_REVISIONS.includes(v))) {
    return `${who} speaks only MCP ${list}, a protocol revision this version of Switchboard cannot speak (it speaks ${SPOKEN_REVISIONS[0]} and the 2025 revisions). Update Switchboard, or use a version of the server that also speaks one of those.`;
  }
  const pinned = protocol && protocol !== 'auto' ? `its entry sets "protocol": "${protocol}"` : 'Switchboard asked in the 2025 era';
  return `${who} speaks only MCP ${list}, but ${pinned}. Set "protocol" to "auto" in its entry (or remove it) so Switchboard speaks ${list} with it.`;
}

export function describeFailure(error: unknown, ctx: FailureContext): Failure {
  if (error instanceof ConnectFailure) return error.failure;
  const who = `\`${ctx.name}\``;
  // Before the exit: a local server pinned to an era it does not speak may exit on the probe itself.
  if (error instanceof SdkError && error.code === SdkErrorCode.EraNegotiationFailed && !(error instanceof SdkHttpError) && !networkCode(error)) {
    const pinned = ctx.protocol && ctx.protocol !== 'auto' ? ` (its entry sets "protocol": "${ctx.protocol}")` : '';
    return {
      message: `${who} and Switchboard found no protocol era both speak${pinned}: ${error.message.replace(/[.!?]?\s*$/, '.')} Set "protocol" to "auto" in its entry, or remove it.`,
      final: true,
    };
  }
  if (ctx.exit) {
    const when = ctx.phase === 'starting' ? ' while starting' : ' unexpectedly';
    const said = ctx.lastStderr ? ` Its last words on stderr: "${ctx.lastStderr.slice(0, 300)}"; the rest is in its log.` : ' It wrote nothing on stderr.';
    return { message: `${who} ${exitPhrase(ctx.exit)}${when}.${said}` };
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) {
    const heard = ctx.firstStdoutLine
      ? ` It printed "${ctx.firstStdoutLine.slice(0, 200)}" on stdout, which is not MCP: check that the command starts an MCP server over stdio.`
      : ' Check that the command starts an MCP server, or try again if it is slow to start.';
    return { message: `${who} did not complete the MCP handshake within ${seconds(ctx.initTimeoutMs)}.${heard}` };
  }
  const status = httpStatusOf(error);
  if (status !== undefined) {
    const raw = error instanceof Error ? error.message : '';
    // The era probe keeps the answer's body in `data.text`; the transport puts it in the message.
    const said = error instanceof SdkHttpError && typeof error.data.text === 'string' ? error.data.text : undefined;
    const body = said ?? raw.replace(/^(Streamable HTTP error|SSE error): /, '').replace(/^Error POSTing to endpoint: /, '');
    const detail = body ? [body.slice(0, 500)] : [];
    const revisions = supportedRevisions(error);
    if (revisions && !revisions.some((v) => SUPPORTED_PROTOCOL_VERSIONS.includes(v))) {
      return {
        message: eraMismatch(who, revisions, ctx.protocol),
        httpStatus: status,
        detail,
        final: true,
      };
    }
    if (status === 401 || status === 403) {
      return {
        message: `${who} needs authentication (HTTP ${status} from ${ctx.url}). Add the credentials it expects, e.g. an Authorization header, to its config.`,
        httpStatus: status,
        needsAuth: true,
        detail,
        final: true,
      };
    }
    return { message: `${who} answered HTTP ${status} from ${ctx.url}.`, httpStatus: status, detail };
  }
  const code = networkCode(error);
  if (ctx.url && code) {
    const what =
      code === 'ECONNREFUSED'
        ? 'the connection was refused; is the server running?'
        : code === 'ENOTFOUND'
          ? 'the host name was not found.'
          : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
            ? 'the server closed the connection.'
            : code === 'BAD_PORT'
              ? 'that port is on the list that browsers and Node refuse to connect to (like 9 or 25); use another port.'
              : `${code}.`;
    return { message: `Could not reach ${who} at ${ctx.url}: ${what}` };
  }
  if (code === 'ENOENT' || code === 'EACCES') {
    return { message: `${who} could not be started (${code}): check the command and its working folder.`, final: true };
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.ConnectionClosed) {
    const why = ctx.lastError ? `: ${ctx.lastError}` : '.';
    return { message: `${who} closed the connection${ctx.phase === 'starting' ? ' while starting' : ''}${why}` };
  }
  const text = error instanceof Error ? error.message : String(error);
  // The SDK's own errors say what went wrong (a closed stream, a method the era lacks): only other errors, or
  // its HTTP 401, come from the sign-in flow.
  const fromSdk = error instanceof SdkError && error.code !== SdkErrorCode.ClientHttpAuthentication;
  if (ctx.oauth && !(error instanceof ProtocolError) && !fromSdk) {
    return {
      message: `${who} asks to sign in, but OAuth sign-in could not start: ${text.replace(/[.!?]?\s*$/, '.')} If it takes a token or API key instead, add it as an "Authorization" header in its config.`,
      needsAuth: true,
      final: true,
    };
  }
  return { message: `${who} failed: ${text}` };
}

/** Network errors that mean a remote server cannot be reached right now (the call never ran). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'UND_ERR_SOCKET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** A remote server that stopped answering at the network level: treat it like a crash (error, then retry). */
export function isUnreachable(error: unknown): boolean {
  const code = networkCode(error);
  return code !== undefined && UNREACHABLE_CODES.has(code);
}

/** The `error` state for a failure, with the server's last output and when it is tried again. */
export function errorState(
  failure: Failure,
  tail: string[],
  at: { attempt: number; since: number; exit: ExitInfo | undefined; retryAt: number | undefined },
): Extract<ConnectionState, { kind: 'error' }> {
  return {
    kind: 'error',
    message: failure.message,
    stderrTail: [...(failure.detail ?? []), ...tail],
    attempt: at.attempt,
    since: at.since,
    ...(at.exit ? { exitCode: at.exit.code, signal: at.exit.signal } : {}),
    ...(failure.httpStatus !== undefined ? { httpStatus: failure.httpStatus } : {}),
    ...(failure.needsAuth ? { needsAuth: true } : {}),
    ...(at.retryAt !== undefined ? { retryAt: at.retryAt } : {}),
  };
}
