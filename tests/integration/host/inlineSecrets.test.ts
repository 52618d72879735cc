// A secret hand-written into config.json (e.g. "GITHUB_TOKEN": "ghp_…") is named in the server's view
// and moved into the secret store on request: only that entry is rewritten, with a reference bound to
// its command line; what the server runs, and so its launch approval, stays as it was.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerView } from '../../../app/api/views.ts';
import { eventually } from '../../support/eventually.ts';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { startHarness, type Harness } from '../../support/hostHarness.ts';
import { fixturesDir, nodeBin } from '../../support/paths.ts';

const KEY = 'sk-ant-api03-secret-test-key-inlinesecrets';
const TOKEN = 'ghp_hand_written_in_config_42';
const TOKEN_MASK = '\u2039secret GITHUB_TOKEN\u203a';
const OTHER_KEY = 'other-entry-inline-key-77';
const printEnv = { command: nodeBin, args: [path.join(fixturesDir, 'print-env.mjs')] };
let api: FakeAnthropic;

beforeAll(async () => {
  api = await startFakeAnthropic({ apiKey: KEY });
});
afterAll(async () => {
  await api.close();
});

const configText = (h: Harness) => readFile(path.join(h.dataDir, 'config.json'), 'utf8');
/** One entry's text as written in the file (2-space JSON: entries sit at 4 spaces). */
const entryText = (text: string, name: string) => new RegExp(`\\n {4}"${name}": \\{[\\s\\S]*?\\n {4}\\}`).exec(text)?.[0];
const viewOf = async (h: Harness, name: string): Promise<ServerView> => (await h.host.call('servers.list', {})).find((s) => s.name === name)!;

/**
 * The environment the server's process has, as Claude is sent it: a stored secret shows as its mask, which the
 * redactor writes only where the value is exactly that secret (tests/host/savedConversations.test.ts).
 */
async function envOfServer(h: Harness, server: string): Promise<Record<string, string>> {
  const c = await h.host.call('conversations.create', {});
  api.enqueue(reply.toolUse(`${server}__env`, {}), reply.text('Done.'));
  await h.host.call('chat.send', { conversationId: c.id, text: 'Print the environment' });
  await h.waitForTurn(c.id);
  const toolResult = JSON.stringify(api.requests.at(-1)!.body.messages.at(-1).content);
  return JSON.parse(JSON.parse(toolResult)[0].content[0].text) as Record<string, string>;
}

describe('secrets written inline in config.json', () => {
  it('names them in the view, moves them to the store bound to the entry, and leaves approval, the running server and other entries alone', async () => {
    const h = await startHarness({
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url },
      config: {
        mcpServers: {
          other: { url: 'https://other.example.test/mcp', disabled: true, headers: { 'X-Api-Key': OTHER_KEY, Accept: 'text/plain' } },
          env: { ...printEnv, env: { GITHUB_TOKEN: TOKEN, LOG_LEVEL: 'debug', EMPTY_TOKEN: '' } },
          after: { ...printEnv, disabled: true, env: { REGION: 'eu' } },
        },
        note: 'kept by hand',
      },
    });
    try {
      await h.host.call('servers.setTrust', { server: 'env', trusted: true });
      const before = await h.waitForServer('env', 'ready');
      expect(before.inlineSecrets).toEqual(['GITHUB_TOKEN']);
      expect(before.launch).toMatchObject({ approved: true, status: 'approved' });
      expect((await viewOf(h, 'other')).inlineSecrets).toEqual(['X-Api-Key']);
      expect((await viewOf(h, 'after')).inlineSecrets).toEqual([]);
      const fileBefore = await configText(h);
      expect(fileBefore).toContain(TOKEN);

      const moved = await h.host.call('servers.moveInlineSecrets', { server: 'env' });

      expect(moved.inlineSecrets).toEqual([]);
      // Nothing it runs changed: the same fingerprint, still approved, still the same running connection.
      expect(moved.launch).toEqual(before.launch);
      expect(moved.state).toEqual(before.state);
      const fileAfter = await configText(h);
      expect(fileAfter).not.toContain(TOKEN);
      const written = JSON.parse(fileAfter);
      expect(written.mcpServers.env.env).toEqual({
        GITHUB_TOKEN: expect.stringMatching(/^\$\{secret:[A-Za-z0-9_-]{8,64}\}$/),
        LOG_LEVEL: 'debug',
        EMPTY_TOKEN: '',
      });
      expect(written.note).toBe('kept by hand');
      // Other entries are byte-for-byte what they were, in the same order; the other entry's own inline key stays until asked.
      for (const name of ['other', 'after']) expect(entryText(fileAfter, name)).toBe(entryText(fileBefore, name));
      expect(entryText(fileAfter, 'other')).toContain(OTHER_KEY);
      expect(Object.keys(written.mcpServers)).toEqual(['other', 'env', 'after']);
      expect(await readFile(path.join(h.dataDir, 'secrets.json'), 'utf8')).toContain(TOKEN);

      // The listed view agrees, the running server was not restarted, and a fresh launch still gets the value from the store.
      expect(await viewOf(h, 'env')).toMatchObject({ inlineSecrets: [], launch: { status: 'approved', fingerprint: before.launch.fingerprint } });
      expect(await envOfServer(h, 'env')).toMatchObject({ GITHUB_TOKEN: TOKEN_MASK, LOG_LEVEL: 'debug' });
      expect((await viewOf(h, 'env')).state).toEqual(before.state);
      await h.host.call('servers.restart', { server: 'env' });
      const since = (v: ServerView) => (v.state.kind === 'ready' ? v.state.since : 0);
      await eventually(async () => since(await viewOf(h, 'env')) > since(before), 'env to be ready again after the restart');
      expect(await envOfServer(h, 'env')).toMatchObject({ GITHUB_TOKEN: TOKEN_MASK });

      // Asking again when nothing is inline changes nothing.
      const again = await h.host.call('servers.moveInlineSecrets', { server: 'env' });
      expect(again.inlineSecrets).toEqual([]);
      expect(await configText(h)).toBe(fileAfter);
    } finally {
      await h.close();
    }
  });

  it("moves a remote entry's inline header into the store without approving it", async () => {
    const h = await startHarness({
      config: { mcpServers: { web: { url: 'https://mcp.example.test/mcp', headers: { Authorization: 'Bearer inline-header-secret-1' } } } },
      approveLaunches: false,
    });
    try {
      const before = await viewOf(h, 'web');
      expect(before.inlineSecrets).toEqual(['Authorization']);
      expect(before.launch.status).toBe('never-approved');
      const moved = await h.host.call('servers.moveInlineSecrets', { server: 'web' });
      expect(moved.inlineSecrets).toEqual([]);
      expect(moved.launch).toEqual(before.launch);
      expect(await configText(h)).not.toContain('inline-header-secret-1');
    } finally {
      await h.close();
    }
  });

  it('says so, in words, when there is no such server, and refuses unknown params', async () => {
    const h = await startHarness({});
    try {
      await expect(h.host.call('servers.moveInlineSecrets', { server: 'nope' })).rejects.toMatchObject({
        code: 'not-found',
        message: 'There is no server called "nope". It may have been removed or renamed in config.json.',
      });
      await expect(h.host.call('servers.moveInlineSecrets', { server: 'nope', values: {} } as never)).rejects.toMatchObject({ code: 'invalid-params' });
    } finally {
      await h.close();
    }
  });
});
