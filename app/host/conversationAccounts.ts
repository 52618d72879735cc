// The account a conversation calls each remote server as: chosen in the chat, remembered in the
// conversation file, read at each call (a change mid-turn applies from the next call on).
import { HostError } from '../api/errors.ts';
import type { ConversationStore } from '../conversations/conversationStore.ts';

/**
 * Chooses (or with `null`, clears back to the server's default) the account `server` is called as in one
 * conversation. `signedIn` lists the server's account ids: only one of them can be chosen.
 */
export async function chooseAccount(
  conversations: Pick<ConversationStore, 'get' | 'save'>,
  p: { conversationId: string; server: string; account: string | null },
  signedIn: (server: string) => Promise<string[]>,
): Promise<Record<string, string>> {
  const conversation = await conversations.get(p.conversationId);
  const accounts = { ...conversation.accounts };
  if (p.account === null) delete accounts[p.server];
  else {
    if (!(await signedIn(p.server)).includes(p.account))
      throw new HostError('invalid-params', `\`${p.server}\` has no signed-in account with that id. Sign it in on the server's page first.`);
    accounts[p.server] = p.account;
  }
  if (Object.keys(accounts).length > 0) conversation.accounts = accounts;
  else delete conversation.accounts;
  await conversations.save(conversation);
  return accounts;
}
