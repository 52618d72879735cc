// A real host over a temp data dir, driven through the contract, with every event recorded.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { HostEvent, HostEvents, HostService } from '../../app/api/contract.ts';
import type { ChatEvent, ServerView } from '../../app/api/views.ts';
import { createHost } from '../../app/host/createHost.ts';
import type { HostDeps } from '../../app/host/hostDeps.ts';
import { eventually } from './eventually.ts';

export interface Harness {
  host: HostService;
  dataDir: string;
  events: { event: HostEvent; payload: unknown }[];
  chatEvents(conversationId?: string): ChatEvent[];
  waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs?: number): Promise<T>;
  waitForServer(name: string, kind: ServerView['state']['kind'], timeoutMs?: number): Promise<ServerView>;
  waitForTurn(conversationId: string, count?: number): Promise<Extract<ChatEvent, { type: 'turn.finished' }>>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Written to config.json before the host starts, as an on-disk edit would be. */
  config?: unknown;
  env?: Record<string, string | undefined>;
  deps?: Partial<HostDeps>;
  /** Approve every stdio server's command line through the contract, as the person would (default true). */
  approveLaunches?: boolean;
  /** Trust and auto-approve every configured server, so tool calls run without asking (default false). */
  trustServers?: boolean;
  /** Reuse this data dir (a restart) instead of a new temp dir; it is not deleted on close. */
  dataDir?: string;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'switchboard-host-')));
  if (opts.config !== undefined) await writeFile(path.join(dataDir, 'config.json'), JSON.stringify(opts.config, null, 2));
  const host = await createHost({
    dataDir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env },
    mode: 'test',
    ...opts.deps,
  });
  const events: { event: HostEvent; payload: unknown }[] = [];
  const names: HostEvent[] = ['servers.changed', 'servers.log', 'config.changed', 'settings.changed', 'conversations.changed', 'chat.event'];
  const offs = names.map((event) => host.on(event, (payload: HostEvents[typeof event]) => events.push({ event, payload })));
  if (opts.approveLaunches ?? true) {
    for (const view of await host.call('servers.list', {})) {
      if (!view.launch.approved && view.launch.commandLine) {
        await host.call('servers.approveLaunch', { server: view.name, fingerprint: view.launch.fingerprint });
      }
    }
  }
  if (opts.trustServers) {
    for (const view of await host.call('servers.list', {})) await host.call('servers.setTrust', { server: view.name, trusted: true });
  }

  const waitFor = <T>(check: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> => eventually(check, what, { timeoutMs });
  const chatEvents = (conversationId?: string) =>
    events
      .filter((e) => e.event === 'chat.event')
      .map((e) => e.payload as ChatEvent)
      .filter((e) => !conversationId || e.conversationId === conversationId);

  return {
    host,
    dataDir,
    events,
    chatEvents,
    waitFor,
    waitForServer: (name, kind, timeoutMs) => pollServer(host, name, kind, timeoutMs ?? 20_000),
    waitForTurn: (conversationId, count = 1) =>
      waitFor(() => {
        const finished = chatEvents(conversationId).filter((e): e is Extract<ChatEvent, { type: 'turn.finished' }> => e.type === 'turn.finished');
        return finished.length >= count ? finished[count - 1] : undefined;
      }, `turn ${count} of ${conversationId} to finish`),
    async close() {
      offs.forEach((off) => off());
      await host.dispose();
      // A server's last writes into its own folder can land while the tree is being removed (ENOTEMPTY):
      // Node's rm retries exactly that.
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

async function pollServer(host: HostService, name: string, kind: ServerView['state']['kind'], timeoutMs: number): Promise<ServerView> {
  let last: ServerView | undefined;
  return eventually(
    async () => {
      last = (await host.call('servers.list', {})).find((s) => s.name === name);
      return last?.state.kind === kind && last;
    },
    () => `${name} to be ${kind}; it is ${JSON.stringify(last?.state)}`,
    { timeoutMs, everyMs: 50 },
  );
}
