// The accounts signed in to each remote server: an id, the label the person sees (and may change), and
// which one the server uses unless a conversation picks another. Kept in the OAuth secret store beside the
// tokens (key `accounts:<server>`). A server signed in before accounts existed has no such list: its one
// sign-in is read as the first account, labelled from its tokens, and nothing is signed in again.
import { randomBytes } from 'node:crypto';
import { secretKeys, type AuthSecrets } from '../secrets/index.ts';

/** The id of a server's first account: its tokens live where the single sign-in always kept them. */
export const FIRST_ACCOUNT = '1';

export interface AccountEntry {
  id: string;
  label: string;
}

export interface AccountIndex {
  accounts: AccountEntry[];
  /** The account the server entry uses; absent when none is signed in. */
  default?: string;
}

const MAX_LABEL = 80;

export function cleanLabel(label: string): string {
  return label.replace(/\s+/g, ' ').trim().slice(0, MAX_LABEL);
}

/** A fresh id for one more account (short, lowercase: it is part of a store key). */
export function newAccountId(): string {
  return randomBytes(5).toString('hex');
}

function parse(text: string | undefined): AccountIndex | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<AccountIndex> | null;
    if (!value || !Array.isArray(value.accounts)) return undefined;
    const accounts = value.accounts.filter((a): a is AccountEntry => typeof a?.id === 'string' && /^[a-z0-9]+$/.test(a.id) && typeof a.label === 'string');
    const byDefault = accounts.some((a) => a.id === value.default) ? value.default : accounts[0]?.id;
    return { accounts, ...(byDefault ? { default: byDefault } : {}) };
  } catch {
    return undefined;
  }
}

export class AccountBook {
  private readonly cache = new Map<string, AccountIndex>();

  constructor(private readonly secrets: AuthSecrets) {}

  /**
   * The server's accounts. Without a stored list (a sign-in from before accounts), `firstSignIn` tells
   * whether the first account's record holds tokens and who they name: then that is the one account.
   */
  async read(name: string, firstSignIn: () => Promise<{ signedIn: boolean; name?: string | undefined }>): Promise<AccountIndex> {
    const cached = this.cache.get(name);
    if (cached) return cached;
    let index = parse(await this.secrets.read(secretKeys.accounts(name)));
    if (!index) {
      const first = await firstSignIn();
      index = first.signedIn
        ? { accounts: [{ id: FIRST_ACCOUNT, label: cleanLabel(first.name ?? '') || 'Account 1' }], default: FIRST_ACCOUNT }
        : { accounts: [] };
    }
    this.cache.set(name, index);
    return index;
  }

  /** The list if it was read already (views are synchronous). */
  peek(name: string): AccountIndex | undefined {
    return this.cache.get(name);
  }

  /** The account a server entry uses: its default, else the first account's id (where a first sign-in lands). */
  defaultOf(name: string): string {
    return this.cache.get(name)?.default ?? FIRST_ACCOUNT;
  }

  async update(name: string, change: (index: AccountIndex) => AccountIndex): Promise<AccountIndex> {
    const current = this.cache.get(name) ?? { accounts: [] };
    const next = change({ accounts: [...current.accounts], ...(current.default ? { default: current.default } : {}) });
    const fixedDefault = next.accounts.some((a) => a.id === next.default) ? next.default : next.accounts[0]?.id;
    const index: AccountIndex = { accounts: next.accounts, ...(fixedDefault ? { default: fixedDefault } : {}) };
    this.cache.set(name, index);
    await this.secrets.write(secretKeys.accounts(name), JSON.stringify(index));
    return index;
  }

  /** A label for a newly signed-in account: who the authorization server says it is, else "Account N". */
  static labelFor(index: AccountIndex, reported: string | undefined): string {
    const named = cleanLabel(reported ?? '');
    if (named) return named;
    let n = index.accounts.length + 1;
    while (index.accounts.some((a) => a.label === `Account ${n}`)) n++;
    return `Account ${n}`;
  }

  forget(name: string): void {
    this.cache.delete(name);
  }
}
