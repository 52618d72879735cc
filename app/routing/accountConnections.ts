// Which connection a tool call goes through when its server has several signed-in accounts.
//
// The fleet's connection of a server is its default account's (the server page picks it; changing it
// reconnects that one connection). A call as another account (a conversation chose it) goes through a
// second connection of the same server signed in as that account: one per (server, account), opened on the
// first call that needs it and kept for the next, so two conversations can call the same server as two
// accounts at the same time. It closes when that account signs out or in again, when the server's
// connection settings change (it is opened again on the next call), and when the server is stopped,
// disabled or removed. Its log lines go to the server's page beside the default's, each marked with the account.
import type { LogLine } from '../api/views.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';
import { connectionHash } from '../config/serverDefinition.ts';
import type { SignIns } from '../auth/signIns.ts';
import type { ClientHooks } from '../servers/clientHooks.ts';
import { ServerConnection, type ServerConnectionOptions } from '../servers/serverConnection.ts';
import type { ServerManager } from '../servers/serverManager.ts';
import type { CallServers } from './toolCall.ts';

interface Opened {
  conn: ServerConnection;
  hash: string;
}

/** The connection a call uses, and the label of the account it runs as (none when the server has no accounts). */
export interface CallRoute {
  target: ServerConnection;
  account?: string;
}

/** The calls' CallServers (routing/toolCall.ts): each call goes through its account's connection. */
export class AccountConnections implements CallServers {
  private readonly opened = new Map<string, Opened>();

  constructor(
    private readonly deps: {
      signIns: Pick<SignIns, 'accounts' | 'providerFor' | 'signInHost'>;
      servers: Pick<ServerManager, 'get' | 'onChange'>;
      options: Pick<ServerConnectionOptions, 'env' | 'logger' | 'clock' | 'initTimeoutMs' | 'clientHooks'>;
      /** An account's connection changed state (it may need signing in again: the server's page says so). */
      onChange?: (server: string) => void;
      /** A line of an account's connection, already marked with its account. */
      onLog?: (server: string, line: LogLine) => void;
    },
  ) {
    // A server stopped, disabled or removed takes its other accounts' connections with it.
    deps.servers.onChange((name) => {
      const main = deps.servers.get(name);
      if (!main || main.state().kind === 'stopped') this.close(name);
    });
  }

  /** The connection for a call on `server` as `account` (the server's default when absent or no longer signed in). */
  async route(server: string, account: string | undefined): Promise<CallRoute | undefined> {
    const main = this.deps.servers.get(server);
    if (!main) return undefined;
    const index = this.deps.signIns.accounts.peek(server);
    if (!index || index.accounts.length === 0 || main.definition.transport.kind === 'stdio') return { target: main };
    const chosen = index.accounts.find((a) => a.id === account) ?? index.accounts.find((a) => a.id === index.default);
    if (!chosen || chosen.id === index.default) return { target: main, ...(chosen ? { account: chosen.label } : {}) };
    return { target: await this.open(main.definition, chosen.id), account: chosen.label };
  }

  /**
   * After an account signed in again: its connection (if open) reconnects with the new tokens, and a call
   * waiting for that sign-in runs again on it.
   */
  signedIn(server: string, account: string): void {
    void this.opened.get(keyOf(server, account))?.conn.restart();
  }

  /** After an account signed out (or the server went away): its own connection (if any) is closed. */
  close(server: string, account?: string): void {
    for (const [key, opened] of this.opened) {
      if (key === keyOf(server, account ?? '') || (account === undefined && key.startsWith(`${server}\n`))) {
        this.opened.delete(key);
        void opened.conn.stop('signed out or changed');
      }
    }
  }

  /** The lines of `server`'s other accounts' connections, each marked with its account. */
  logs(server: string): LogLine[] {
    const lines: LogLine[] = [];
    for (const [key, opened] of this.opened) {
      if (!key.startsWith(`${server}\n`)) continue;
      const account = key.slice(server.length + 1);
      for (const line of opened.conn.logs()) lines.push(this.marked(server, account, line));
    }
    return lines;
  }

  async dispose(): Promise<void> {
    const all = [...this.opened.values()];
    this.opened.clear();
    await Promise.all(all.map((o) => o.conn.stop('shutting down')));
  }

  /** The line with the account's label in front, as the label is now (a rename shows at once). */
  private marked(server: string, account: string, line: LogLine): LogLine {
    const label = this.deps.signIns.accounts.peek(server)?.accounts.find((a) => a.id === account)?.label ?? 'another account';
    return { ...line, text: `[as ${label}] ${line.text}` };
  }

  private async open(def: ServerDefinition, account: string): Promise<ServerConnection> {
    const key = keyOf(def.name, account);
    const hash = connectionHash(def);
    let opened = this.opened.get(key);
    if (opened && opened.hash !== hash) {
      this.close(def.name, account);
      opened = undefined;
    }
    if (!opened) {
      const { signIns, options } = this.deps;
      const hooks: ClientHooks | undefined = options.clientHooks && { ...options.clientHooks, ready: () => {} };
      const conn = new ServerConnection(def, {
        ...options,
        ...(hooks ? { clientHooks: hooks } : {}),
        auth: { providerFor: (d) => signIns.providerFor(d, account), signInHost: (n) => signIns.signInHost(n, account) },
      });
      opened = { conn, hash };
      this.opened.set(key, opened);
      conn.onChange(() => this.deps.onChange?.(def.name));
      conn.onLog((line) => this.deps.onLog?.(def.name, this.marked(def.name, account, line)));
    } else {
      opened.conn.updateDefinition(def);
    }
    await opened.conn.start();
    return opened.conn;
  }
}

function keyOf(server: string, account: string): string {
  return `${server}\n${account}`;
}
