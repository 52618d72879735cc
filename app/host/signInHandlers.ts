// The contract's sign-in methods: `servers.signIn` hands back (or opens) a checked http(s) authorization URL,
// `servers.signOut` forgets the tokens.
import { HostError } from '../api/errors.ts';
import { checkedHttpUrl } from '../auth/httpUrl.ts';
import type { SignIns } from '../auth/signIns.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';
import type { Handlers } from './hostService.ts';
import type { ServerConfig } from './serverConfig.ts';
import type { ServerFleet } from './serverFleet.ts';
import type { ServerStatus } from './serverStatus.ts';

/**
 * After `name` left the config: its tokens are revoked where supported and its sign-in records and client
 * secret leave the store (a client secret another entry still names stays). `def` is what it was.
 */
export async function forgetSignIn(signIns: SignIns, servers: SignInServers, name: string, def: ServerDefinition | undefined): Promise<void> {
  const remaining = [...servers.status.configuredNames()].map((n) => definitionIfValid(servers, n)).filter((d): d is ServerDefinition => d !== undefined);
  await signIns.forget(name, def, (key) => remaining.some((d) => signIns.clientSecretKey(d) === key));
}

/** The definition of a configured entry, or undefined when there is none or it is invalid. */
export function definitionIfValid(servers: Pick<SignInServers, 'config'>, name: string): ServerDefinition | undefined {
  try {
    return servers.config.definitionOf(name);
  } catch {
    return undefined;
  }
}

export interface SignInServers {
  config: Pick<ServerConfig, 'definitionOf'>;
  fleet: Pick<ServerFleet, 'restart'>;
  status: Pick<ServerStatus, 'view' | 'configuredNames'>;
}

export function signInHandlers(
  signIns: SignIns,
  servers: SignInServers,
  openExternal: ((url: string) => Promise<void>) | undefined,
): Pick<Handlers, 'servers.signIn' | 'servers.signOut' | 'servers.setClientSecret'> {
  return {
    'servers.signIn': async ({ server: name, account }) => {
      const def = servers.config.definitionOf(name);
      if (def.transport.kind === 'stdio') throw new HostError('invalid-params', `\`${name}\` runs locally; only remote servers sign in.`);
      let start;
      try {
        start = await signIns.begin(def, account);
      } catch (error) {
        throw new HostError('unavailable', `Could not start signing in to \`${name}\`: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (start.kind === 'signed-in') return start;
      if (!checkedHttpUrl(start.url)) throw new HostError('unavailable', 'The authorization address is not an http(s) URL; Switchboard does not open it.');
      if (!openExternal) return start;
      await openExternal(start.url);
      return { ...start, opened: true };
    },
    'servers.signOut': async ({ server: name, account }) => {
      await signIns.signOut(servers.config.definitionOf(name), account);
      return servers.status.view(name);
    },
    'servers.setClientSecret': async ({ server: name, value }) => {
      try {
        await signIns.setClientSecret(servers.config.definitionOf(name), value);
      } catch (error) {
        throw new HostError('invalid-params', error instanceof Error ? error.message : String(error));
      }
      const view = servers.status.view(name);
      if (view.disabled || view.state.kind === 'stopped') return view;
      servers.fleet.restart(name, 'Switchboard restarted it to use the new client secret');
      return servers.status.view(name);
    },
  };
}
