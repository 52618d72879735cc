// Sign-in for remote servers, set up for the host. SignIns is built before the servers (their connections
// take tokens from it); a sign-in or sign-out is reported to whoever subscribed with `onChanged` (the host
// reconnects that server with `reconnectAfterSignIn`, once the servers exist).
import { LoopbackListener } from '../auth/loopbackListener.ts';
import { SignIns } from '../auth/signIns.ts';
import type { EnterpriseIdp } from '../auth/enterpriseAuth.ts';
import type { AuthSecrets, Redactor } from '../secrets/index.ts';
import type { Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import type { AccountChange } from '../auth/accountSignIns.ts';
import type { HostDeps } from './hostDeps.ts';
import type { ServerFleet } from './serverFleet.ts';
import type { ServerStatus } from './serverStatus.ts';

type Why = 'signed-in' | 'signed-out' | 'switched';

export interface HostSignIns {
  signIns: SignIns;
  /** Called with a server's name after it signed in or out. */
  onChanged(listener: (name: string, why: Why, change?: AccountChange) => void): () => void;
  dispose(): Promise<void>;
}

export function createSignIns(
  deps: Pick<HostDeps, 'oauthCallback'>,
  o: {
    secrets: AuthSecrets;
    clientMetadataUrl: () => string;
    enterprise?: () => Promise<EnterpriseIdp | undefined>;
    redactor: Pick<Redactor, 'setOAuth'>;
    logger: Logger;
    clock: Clock;
  },
): HostSignIns {
  const listeners = new Set<(name: string, why: Why, change?: AccountChange) => void>();
  const loopback = deps.oauthCallback ? undefined : new LoopbackListener();
  const signIns = new SignIns({
    secrets: o.secrets,
    endpoint: deps.oauthCallback ?? loopback!,
    clientMetadataUrl: o.clientMetadataUrl,
    ...(o.enterprise ? { enterprise: o.enterprise } : {}),
    onChanged: (name, why, change) => {
      for (const listener of listeners) listener(name, why, change);
    },
    onSecrets: (name, values) => o.redactor.setOAuth(name, values),
    logger: o.logger,
    now: o.clock.now,
  });
  return {
    signIns,
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      signIns.dispose();
      await loopback?.close();
    },
  };
}

/**
 * Reconnect with the new tokens (or none); a disabled or stopped server stays as the person left it. A sign-in
 * of an account the entry does not use (one more account added) leaves its connection alone.
 */
export function reconnectAfterSignIn(fleet: Pick<ServerFleet, 'note' | 'restart'>, status: Pick<ServerStatus, 'find'>, logger: Logger) {
  return (name: string, why: Why, change?: AccountChange): void => {
    if (change && !change.main) return fleet.note(name, why === 'signed-in' ? 'you signed in with another of its accounts' : 'you signed out of one account');
    fleet.note(name, why === 'switched' ? 'you chose another account for this server' : why === 'signed-in' ? 'you signed in' : 'you signed out');
    const view = status.find(name);
    if (!view || view.disabled || view.state.kind === 'stopped') return;
    try {
      fleet.restart(name, why === 'signed-out' ? 'Switchboard restarted it without the sign-in' : 'Switchboard restarted it to use the new sign-in');
    } catch (e) {
      logger.warn(`restart after sign-in: ${String(e)}`);
    }
  };
}
