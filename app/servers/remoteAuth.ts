// What a connection needs from OAuth sign-in (implemented by app/auth/signIns.ts, wired in app/host).
import { type FetchLike, type OAuthClientProvider, UnauthorizedError } from '@modelcontextprotocol/client';
import type { ConnectionState } from '../api/views.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';

export type NeedsSignIn = Extract<ConnectionState, { kind: 'needs-sign-in' }>;

/** The SDK provider, plus the fetch its transport should use (it watches for 403 insufficient_scope). */
export type RemoteAuthProvider = OAuthClientProvider & { fetch?: FetchLike };

export interface RemoteAuth {
  /** The provider for this remote server's transport, or undefined when it does not use OAuth. */
  providerFor(def: ServerDefinition): Promise<RemoteAuthProvider | undefined>;
  /** The authorization server's host once the server asked for sign-in. */
  signInHost(name: string): string | undefined;
}

/** The `needs-sign-in` state for a failure that only the person can fix by signing in, else undefined. */
export function signInState(error: unknown, name: string, auth: RemoteAuth | undefined, phase: 'starting' | 'ready', now: number): NeedsSignIn | undefined {
  if (!(error instanceof UnauthorizedError) && !(error instanceof Error && error.cause instanceof UnauthorizedError)) return undefined;
  const host = auth?.signInHost(name);
  if (!host) return undefined;
  const message =
    phase === 'ready'
      ? `Sign in to ${host} again to keep using this server: the sign-in expired or it asks for more access.`
      : `Sign in to ${host} to use this server.`;
  return { kind: 'needs-sign-in', authorizationHost: host, message, since: now };
}
