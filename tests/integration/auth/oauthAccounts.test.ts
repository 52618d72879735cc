// Several accounts on one remote server, through the contract, against the real local authorization server:
// a second sign-in that does not replace the first, conversations calling the server as different accounts
// at the same time (the server sees each account's own token), labels on the call cards, rename, sign-out of
// one account, and a secrets file from before accounts read as the first account without signing in again.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerView, ToolCallView } from '../../../app/api/views.ts';
import { startOAuthFixture, type OAuthFixture } from '../../fixtures/oauthServer.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { startHarness, type Harness } from '../../support/hostHarness.ts';
import { useTempDirs } from '../../support/tempDir.ts';

const tempDir = useTempDirs();
const KEY = 'sk-ant-accounts-test-key-0123456789';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function world(dataDir?: string): Promise<{ as: OAuthFixture; api: FakeAnthropic; start: (as: OAuthFixture) => Promise<Harness> }> {
  const as = await startOAuthFixture({ discovery: 'header' });
  const api = await startFakeAnthropic({ apiKey: KEY });
  cleanups.push(
    () => as.close(),
    () => api.close(),
  );
  const start = async (fixture: OAuthFixture) => {
    const h = await startHarness({
      config: { mcpServers: { guarded: { type: 'http', url: fixture.mcpUrl, oauth: { scopes: ['mcp'] } } } },
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url },
      trustServers: true,
      ...(dataDir ? { dataDir } : {}),
    });
    cleanups.push(() => h.close());
    return h;
  };
  return { as, api, start };
}

async function secretsFile(h: Harness): Promise<Record<string, string>> {
  return JSON.parse(await readFile(path.join(h.dataDir, 'oauth.secrets.json'), 'utf8')) as Record<string, string>;
}

/** Asks Claude (the fake) to call whoami in a conversation and returns that call's last card. */
async function whoami(h: Harness, conversationId: string): Promise<ToolCallView> {
  const before = h.chatEvents(conversationId).filter((e) => e.type === 'turn.finished').length;
  await h.host.call('chat.send', { conversationId, text: 'use whoami' });
  const finished = await h.waitForTurn(conversationId, before + 1);
  expect(finished.outcome).toBe('complete');
  const calls = h.chatEvents(conversationId).flatMap((e) => (e.type === 'tool.updated' ? [e.call] : []));
  const last = calls.at(-1)!;
  expect(last.status).toBe('done');
  return last;
}

const resultText = (call: ToolCallView) => JSON.stringify(call.result);

async function signInFirst(h: Harness, as: OAuthFixture): Promise<void> {
  await h.waitForServer('guarded', 'needs-sign-in');
  const start = await h.host.call('servers.signIn', { server: 'guarded' });
  expect((await as.approve(start.kind === 'open' ? start.url : '')).status).toBe(200);
  await h.waitForServer('guarded', 'ready');
}

describe('several accounts on one remote server', () => {
  it('adds a second account beside the first, calls as each from two conversations at once, renames, and signs one out', async () => {
    const { as, start } = await world();
    const h = await start(as);
    await signInFirst(h, as);

    // "Add another account": a sign-in of its own (its own client registration) that does not replace the first.
    const add = await h.host.call('servers.signIn', { server: 'guarded', account: 'new' });
    expect(add.kind).toBe('open');
    expect((await h.host.call('servers.list', {}))[0]!.auth).toMatchObject({ addingAccount: true });
    expect((await as.approve(add.kind === 'open' ? add.url : '', 'bob@example.test')).status).toBe(200);
    const both = (await h.waitFor(async () => {
      const view = (await h.host.call('servers.list', {})).find((s) => s.name === 'guarded');
      return view?.auth?.accounts?.length === 2 && view;
    }, 'a second account')) as ServerView;
    expect(both.state.kind).toBe('ready');
    expect(both.auth).toMatchObject({ signedIn: true, account: 'ada@example.test' });
    expect(both.auth?.addingAccount).toBeUndefined();
    const [ada, bob] = both.auth!.accounts!;
    expect(ada).toMatchObject({ label: 'ada@example.test', isDefault: true });
    expect(bob).toMatchObject({ label: 'bob@example.test', isDefault: false });
    expect(as.registrations).toHaveLength(2);
    // Every window hears of it, though the server's connection did not change.
    await h.waitFor(
      () => h.events.some((e) => e.event === 'servers.changed' && (e.payload as { view?: ServerView }).view?.auth?.accounts?.length === 2),
      'a servers.changed event with both accounts',
    );
    const logged = (await h.host.call('servers.logs', { server: 'guarded' })).map((l) => l.text);
    expect(logged).toContain('you signed in with another of its accounts');
    // Each account's tokens are stored apart: two records, each with its own refresh token.
    const stored = await secretsFile(h);
    const records = Object.entries(stored).filter(([k]) => k.startsWith('server:guarded:') || k.startsWith('account:guarded:'));
    expect(records).toHaveLength(2);
    const refreshTokens = records.map(([, v]) => (JSON.parse(v) as { tokens: { refresh_token: string } }).tokens.refresh_token);
    expect(new Set(refreshTokens).size).toBe(2);

    // Two conversations at once: one on the server's default (Ada), one chose Bob.
    const personal = await h.host.call('conversations.create', {});
    const work = await h.host.call('conversations.create', {});
    expect(await h.host.call('conversations.setAccount', { conversationId: work.id, server: 'guarded', account: bob!.id })).toEqual({
      accounts: { guarded: bob!.id },
    });
    const [asAda, asBob] = await Promise.all([whoami(h, personal.id), whoami(h, work.id)]);
    expect(resultText(asAda)).toContain('signed in as ada@example.test');
    expect(asAda.account).toBe('ada@example.test');
    expect(resultText(asBob)).toContain('signed in as bob@example.test');
    expect(asBob.account).toBe('bob@example.test');
    // Bob's own connection logs to the server's page beside the default's, each line marked as his, live and kept.
    const pageLog = (await h.host.call('servers.logs', { server: 'guarded' })).map((l) => l.text);
    expect(pageLog.some((t) => t.startsWith('[as bob@example.test] ready in'))).toBe(true);
    expect(pageLog.some((t) => t.startsWith('ready in'))).toBe(true);
    const live = h.events.flatMap((e) => (e.event === 'servers.log' ? [(e.payload as { server: string; line: { text: string } }).line.text] : []));
    expect(live.some((t) => t.startsWith('[as bob@example.test] ready in'))).toBe(true);
    // The choice is remembered with the conversation, and the saved card keeps the account.
    const saved = await h.host.call('conversations.get', { id: work.id });
    expect(saved.accounts).toEqual({ guarded: bob!.id });
    expect(JSON.stringify(saved.messages)).toContain('"account":"bob@example.test"');
    // A careless server echoes the token it was called with: each account's token is masked on its own, so
    // neither reaches an event, a view or the saved conversation.
    await h.host.call('chat.send', { conversationId: work.id, text: 'use leak' });
    await h.waitForTurn(work.id, 2);
    await h.host.call('chat.send', { conversationId: personal.id, text: 'use leak' });
    await h.waitForTurn(personal.id, 2);
    const leaked = h.chatEvents().flatMap((e) => (e.type === 'tool.updated' && e.call.toolName === 'leak' && e.call.status === 'done' ? [e.call] : []));
    expect(leaked.map((c) => c.account)).toEqual(['bob@example.test', 'ada@example.test']);
    const tokens = Object.values(await secretsFile(h)).flatMap((v) => {
      const t = (JSON.parse(v) as { tokens?: Record<string, unknown> }).tokens ?? {};
      return [t.access_token, t.refresh_token].filter((x): x is string => typeof x === 'string');
    });
    expect(tokens).toHaveLength(4);
    const files = await Promise.all(
      (await readdir(path.join(h.dataDir, 'conversations'))).map((f) => readFile(path.join(h.dataDir, 'conversations', f), 'utf8')),
    );
    const seen = JSON.stringify([h.events, files, await h.host.call('conversations.get', { id: work.id }), await h.host.call('servers.list', {})]);
    expect(seen).toContain('your token is');
    for (const t of tokens) expect(seen).not.toContain(t);
    // An app in that conversation calling its server's tool runs as the conversation's account too.
    const fromApp = await h.host.call('apps.callTool', { conversationId: work.id, parentCallId: asBob.id, server: 'guarded', tool: 'whoami', arguments: {} });
    expect(JSON.stringify(fromApp)).toContain('signed in as bob@example.test');
    // An account the server does not have cannot be chosen.
    await expect(h.host.call('conversations.setAccount', { conversationId: work.id, server: 'guarded', account: 'abc123' })).rejects.toThrow(
      /no signed-in account/,
    );

    // Renamed: the next card says the new label.
    const renamed = await h.host.call('servers.renameAccount', { server: 'guarded', account: bob!.id, label: '  Work  ' });
    expect(renamed.auth?.accounts?.map((a) => a.label)).toEqual(['ada@example.test', 'Work']);
    expect((await whoami(h, work.id)).account).toBe('Work');
    expect((await h.host.call('servers.logs', { server: 'guarded' })).some((l) => l.text.startsWith('[as Work] '))).toBe(true);

    // Bob signs out: his tokens are revoked and leave the store; Ada stays signed in and the server stays ready.
    const bobsRecord = records.find(([k]) => k.startsWith('account:guarded:'))!;
    const bobsRefresh = (JSON.parse(bobsRecord[1]) as { tokens: { refresh_token: string } }).tokens.refresh_token;
    const out = await h.host.call('servers.signOut', { server: 'guarded', account: bob!.id });
    expect(out.auth?.accounts?.map((a) => a.label)).toEqual(['ada@example.test']);
    expect(out.auth?.signedIn).toBe(true);
    expect(as.revoked).toContain(bobsRefresh);
    const after = await secretsFile(h);
    expect(Object.keys(after).some((k) => k.startsWith('account:guarded:'))).toBe(false);
    expect(JSON.stringify(after)).not.toContain(bobsRefresh);
    expect((await h.host.call('servers.list', {}))[0]!.state.kind).toBe('ready');
    // The conversation that chose Bob now runs as the server's default.
    const fallback = await whoami(h, work.id);
    expect(fallback.account).toBe('ada@example.test');
    expect(resultText(fallback)).toContain('signed in as ada@example.test');
  });

  it('makes another account the default of the server entry: calls without a choice run as it', async () => {
    const { as, start } = await world();
    const h = await start(as);
    await signInFirst(h, as);
    const add = await h.host.call('servers.signIn', { server: 'guarded', account: 'new' });
    await as.approve(add.kind === 'open' ? add.url : '', 'bob@example.test');
    const bob = (await h.waitFor(async () => (await h.host.call('servers.list', {}))[0]!.auth?.accounts?.[1], 'a second account'))!;
    const chat = await h.host.call('conversations.create', {});
    expect((await whoami(h, chat.id)).account).toBe('ada@example.test');

    const view = await h.host.call('servers.setDefaultAccount', { server: 'guarded', account: bob.id });
    expect(view.auth?.accounts?.find((a) => a.isDefault)?.label).toBe('bob@example.test');
    await h.waitFor(async () => {
      const s = (await h.host.call('servers.list', {}))[0]!;
      return s.state.kind === 'ready' && s.auth?.account === 'bob@example.test';
    }, 'the server to reconnect as Bob');
    const asBob = await whoami(h, chat.id);
    expect(asBob.account).toBe('bob@example.test');
    expect(resultText(asBob)).toContain('signed in as bob@example.test');

    // Removing the server revokes both accounts' tokens and leaves nothing of either, nor the list, on disk.
    const refresh = Object.values(await secretsFile(h)).flatMap((v) => {
      const t = (JSON.parse(v) as { tokens?: { refresh_token?: string } }).tokens;
      return t?.refresh_token ? [t.refresh_token] : [];
    });
    expect(refresh).toHaveLength(2);
    await h.host.call('servers.remove', { server: 'guarded' });
    await h.waitFor(() => refresh.every((t) => as.revoked.includes(t)), 'both refresh tokens revoked');
    const left = await readFile(path.join(h.dataDir, 'oauth.secrets.json'), 'utf8').catch(() => '{}');
    expect(Object.keys(JSON.parse(left) as object).filter((k) => k.includes('guarded'))).toEqual([]);
  });

  it('reads a secrets file from before accounts as the first account: no new sign-in, then adds a second', async () => {
    const dataDir = await tempDir();
    const { as, start } = await world(dataDir);
    const first = await start(as);
    await signInFirst(first, as);
    const stored = await secretsFile(first);
    await first.close();
    cleanups.pop();
    // The file as Switchboard wrote it before accounts: one record per server and URL, nothing else.
    const old = Object.fromEntries(Object.entries(stored).filter(([k]) => k.startsWith('server:guarded:')));
    expect(Object.keys(old)).toEqual([`server:guarded:${as.mcpUrl}`]);
    await writeFile(path.join(dataDir, 'oauth.secrets.json'), JSON.stringify(old), { mode: 0o600 });
    const authorizeRequests = as.authorizeRequests.length;

    const h = await start(as);
    const ready = await h.waitForServer('guarded', 'ready');
    expect(as.authorizeRequests).toHaveLength(authorizeRequests);
    expect(ready.auth?.accounts).toEqual([{ id: '1', label: 'ada@example.test', isDefault: true }]);
    const chat = await h.host.call('conversations.create', {});
    expect((await whoami(h, chat.id)).account).toBe('ada@example.test');

    const add = await h.host.call('servers.signIn', { server: 'guarded', account: 'new' });
    await as.approve(add.kind === 'open' ? add.url : '', 'bob@example.test');
    const labels = await h.waitFor(async () => {
      const accounts = (await h.host.call('servers.list', {}))[0]!.auth?.accounts;
      return accounts?.length === 2 && accounts.map((a) => a.label);
    }, 'two accounts');
    expect(labels).toEqual(['ada@example.test', 'bob@example.test']);
    // The first account's record is where it was.
    expect(Object.keys(await secretsFile(h))).toContain(`server:guarded:${as.mcpUrl}`);
    expect((await whoami(h, chat.id)).account).toBe('ada@example.test');
  });
});

describe('an account whose sign-in ended', () => {
  it('says so on the server page, and a call as it waits for "Sign in again" on that account, then runs as it', async () => {
    const { as, start } = await world();
    const h = await start(as);
    await signInFirst(h, as);
    const add = await h.host.call('servers.signIn', { server: 'guarded', account: 'new' });
    await as.approve(add.kind === 'open' ? add.url : '', 'bob@example.test');
    const bob = (await h.waitFor(async () => (await h.host.call('servers.list', {}))[0]!.auth?.accounts?.[1], 'a second account'))!;
    const work = await h.host.call('conversations.create', {});
    await h.host.call('conversations.setAccount', { conversationId: work.id, server: 'guarded', account: bob.id });
    expect((await whoami(h, work.id)).account).toBe('bob@example.test');

    // Every token dies at the authorization server: Bob's next call meets a sign-in only he can give.
    as.revokeAll();
    await h.host.call('chat.send', { conversationId: work.id, text: 'use whoami' });
    const waiting = await h.waitFor(async () => {
      const accounts = (await h.host.call('servers.list', {}))[0]!.auth?.accounts;
      return accounts?.find((a) => a.id === bob.id && a.needsSignIn);
    }, "Bob's account to need signing in");
    expect(waiting!.label).toBe('bob@example.test');
    const again = await h.host.call('servers.signIn', { server: 'guarded', account: bob.id });
    expect(again.kind).toBe('open');
    expect((await as.approve(again.kind === 'open' ? again.url : '', 'bob@example.test')).status).toBe(200);
    const finished = await h.waitForTurn(work.id, 2);
    expect(finished.outcome).toBe('complete');
    const last = h
      .chatEvents(work.id)
      .flatMap((e) => (e.type === 'tool.updated' ? [e.call] : []))
      .at(-1)!;
    expect(last.status).toBe('done');
    expect(resultText(last)).toContain('signed in as bob@example.test');
    const accounts = (await h.host.call('servers.list', {}))[0]!.auth?.accounts;
    expect(accounts?.find((a) => a.id === bob.id)?.needsSignIn).toBeUndefined();
  });
});
