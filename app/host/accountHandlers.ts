// The contract's account methods: rename a server's account, pick the one its entry uses, and pick the one
// a conversation calls it as. Signing in another account and signing one out are `servers.signIn` /
// `servers.signOut` with an `account` (signInHandlers.ts).
import { HostError } from '../api/errors.ts';
import type { SignIns } from '../auth/signIns.ts';
import type { ConversationStore } from '../conversations/conversationStore.ts';
import type { Handlers } from './hostService.ts';
import { chooseAccount } from './conversationAccounts.ts';
import type { ServerStatus } from './serverStatus.ts';
import type { SignInServers } from './signInHandlers.ts';

async function asPerson<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HostError) throw error;
    throw new HostError('invalid-params', error instanceof Error ? error.message : String(error));
  }
}

export function accountHandlers(
  signIns: Pick<SignIns, 'rename' | 'setDefault' | 'index'>,
  servers: Pick<SignInServers, 'config'> & { status: Pick<ServerStatus, 'view' | 'emit'> },
  conversations: Pick<ConversationStore, 'get' | 'save'>,
): Pick<Handlers, 'servers.renameAccount' | 'servers.setDefaultAccount' | 'conversations.setAccount'> {
  return {
    'servers.renameAccount': async ({ server: name, account, label }) => {
      await asPerson(() => signIns.rename(servers.config.definitionOf(name), account, label));
      servers.status.emit(name);
      return servers.status.view(name);
    },
    'servers.setDefaultAccount': async ({ server: name, account }) => {
      await asPerson(() => signIns.setDefault(servers.config.definitionOf(name), account));
      servers.status.emit(name);
      return servers.status.view(name);
    },
    'conversations.setAccount': async (p) => ({
      accounts: await chooseAccount(conversations, p, async (server) => (await signIns.index(servers.config.definitionOf(server))).accounts.map((a) => a.id)),
    }),
  };
}
