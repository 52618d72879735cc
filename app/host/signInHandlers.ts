// The contract's sign-in methods: `servers.signIn` hands back (or opens) a checked http(s) authorization URL,
// `servers.signOut` forgets the tokens.
import { HostError } from '../api/errors.ts';
import { checkedHttpUrl } from '../auth/httpUrl.ts';
import type { SignIns } from '../auth/signIns.ts';
import type { Handlers } from './hostService.ts';
import type { ServersFacade } from './serversFacade.ts';

export function signInHandlers(
  signIns: SignIns,
  servers: ServersFacade,
  openExternal: ((url: string) => Promise<void>) | undefined,
): Pick<Handlers, 'servers.signIn' | 'servers.signOut' | 'servers.setClientSecret'> {
  return {
    'servers.signIn': async ({ name }) => {
      const def = servers.definitionOf(name);
      if (def.transport.kind === 'stdio') throw new HostError('invalid-params', `\`${name}\` runs locally; only remote servers sign in.`);
      let start;
      try {
        start = await signIns.begin(def);
      } catch (error) {
        throw new HostError('unavailable', `Could not start signing in to \`${name}\`: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (start.kind === 'signed-in') return start;
      if (!checkedHttpUrl(start.url)) throw new HostError('unavailable', 'The authorization address is not an http(s) URL; Switchboard does not open it.');
      if (!openExternal) return start;
      await openExternal(start.url);
      return { ...start, opened: true };
    },
    'servers.signOut': async ({ name }) => {
      await signIns.signOut(servers.definitionOf(name));
      return servers.view(name);
    },
    'servers.setClientSecret': async ({ name, value }) => {
      try {
        await signIns.setClientSecret(servers.definitionOf(name), value);
      } catch (error) {
        throw new HostError('invalid-params', error instanceof Error ? error.message : String(error));
      }
      const view = servers.view(name);
      if (!view.disabled && view.state.kind !== 'stopped') return servers.restart(name, 'Switchboard restarted it to use the new client secret');
      return view;
    },
  };
}
