// The small pieces of several accounts per server that SignIns uses: where an account's sign-in lives in
// memory, what the person sees of the list, and renaming.
import type { AccountView, AuthView } from '../api/views.ts';
import { cleanLabel, type AccountBook, type AccountIndex } from './accountBook.ts';

/** What a sign-in or sign-out changed: which account, and whether it is the one the server entry uses. */
export interface AccountChange {
  account: string;
  main: boolean;
}

/** The in-memory key of one account's sign-in on one server. */
export function slotKey(name: string, account: string): string {
  return `${name}\n${account}`;
}

/** The accounts as the server page shows them (never tokens). */
export function accountsView(
  index: AccountIndex | undefined,
  adding: boolean,
  waiting: (account: string) => boolean,
): Pick<AuthView, 'accounts' | 'addingAccount'> {
  const accounts: AccountView[] = (index?.accounts ?? []).map((a) => ({
    id: a.id,
    label: a.label,
    isDefault: a.id === index?.default,
    ...(waiting(a.id) ? { needsSignIn: true } : {}),
  }));
  return { accounts, ...(adding ? { addingAccount: true } : {}) };
}

export async function renameAccount(book: AccountBook, name: string, account: string, label: string): Promise<void> {
  const clean = cleanLabel(label);
  if (!clean) throw new Error('Give the account a name.');
  if (!book.peek(name)?.accounts.some((a) => a.id === account)) throw new Error(`\`${name}\` has no signed-in account "${account}".`);
  await book.update(name, (i) => ({ ...i, accounts: i.accounts.map((a) => (a.id === account ? { ...a, label: clean } : a)) }));
}
