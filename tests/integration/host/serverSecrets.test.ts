// Issue 10, part 3: server secrets live in the secret store, config.json holds references bound to
// their command or URL origin, and the redactor knows only those values while their server exists.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostService } from '../../../app/api/contract.ts';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { startHarness } from '../../support/hostHarness.ts';
import { fixturesDir, nodeBin } from '../../support/paths.ts';
import { eventually } from '../../support/eventually.ts';

const KEY = 'sk-ant-api03-secret-test-key-serversecrets';
const printEnv = { command: nodeBin, args: [path.join(fixturesDir, 'print-env.mjs')] };
let api: FakeAnthropic;
let scratch: string;

beforeAll(async () => {
  api = await startFakeAnthropic({ apiKey: KEY });
  scratch = await mkdtemp(path.join(os.tmpdir(), 'switchboard-secrets-'));
});
afterAll(async () => {
  await api.close();
  await rm(scratch, { recursive: true, force: true });
});

const configText = (dataDir: string) => readFile(path.join(dataDir, 'config.json'), 'utf8');

describe('server secrets in the secret store', () => {
  it('keeps a secret typed into the form out of config.json, in the 0600 store, and still gives it to the server', async () => {
    const h = await startHarness({ env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url }, trustServers: false });
    try {
      const view = await h.host.call('servers.upsert', {
        name: 'env',
        entry: { transport: 'stdio', ...printEnv, env: { GITHUB_TOKEN: 'ghp_typed_in_form_123', LOG_LEVEL: 'debug' } },
      });
      expect(view.launch.env).toEqual([
        { name: 'GITHUB_TOKEN', secret: true, flagged: false },
        { name: 'LOG_LEVEL', value: 'debug', secret: false, flagged: false },
      ]);
      const onDisk = await configText(h.dataDir);
      expect(onDisk).not.toContain('ghp_typed_in_form_123');
      expect(onDisk).toMatch(/"GITHUB_TOKEN": "\$\{secret:[A-Za-z0-9_-]+\}"/);
      expect(onDisk).toContain('"LOG_LEVEL": "debug"');
      expect(await readFile(path.join(h.dataDir, 'secrets.json'), 'utf8')).toContain('ghp_typed_in_form_123');
      expect((await stat(path.join(h.dataDir, 'secrets.json'))).mode & 0o777).toBe(0o600);

      await h.host.call('servers.setTrust', { server: 'env', trusted: true });
      await h.waitForServer('env', 'ready');
      const c = await h.host.call('conversations.create', {});
      api.enqueue(reply.toolUse('env__env', {}), reply.text('Done.'));
      await h.host.call('chat.send', { conversationId: c.id, text: 'Print the environment' });
      await h.waitForTurn(c.id);
      const toolResult = JSON.stringify(api.requests.at(-1)!.body.messages.at(-1).content);
      const childEnv = JSON.parse(JSON.parse(toolResult)[0].content[0].text);
      // The server got the secret; Claude is sent its mask, written only where the value is exactly that secret.
      expect(childEnv.GITHUB_TOKEN).toBe('\u2039secret GITHUB_TOKEN\u203a');

      // Saving again with the value kept leaves the reference in place.
      await h.host.call('servers.upsert', {
        previousName: 'env',
        name: 'env',
        entry: { transport: 'stdio', ...printEnv, env: { GITHUB_TOKEN: { keep: true } } },
      });
      expect(await configText(h.dataDir)).not.toContain('ghp_typed_in_form_123');
    } finally {
      await h.close();
    }
  });

  it('stores a value the person marked secret, masks it in the approval view and redacts it', async () => {
    const h = await startHarness({});
    try {
      const view = await h.host.call('servers.upsert', {
        name: 'marked',
        entry: { transport: 'stdio', ...printEnv, env: { WORKSPACE: { value: 'acme-prod-workspace', secret: true } } },
      });
      expect(view.launch.env).toEqual([{ name: 'WORKSPACE', secret: true, flagged: false }]);
      expect(await configText(h.dataDir)).not.toContain('acme-prod-workspace');
      const c = await h.host.call('conversations.create', { title: 'in acme-prod-workspace' });
      expect(c.title).toBe('in \u2039secret WORKSPACE\u203a');
    } finally {
      await h.close();
    }
  });

  it('moves an inline secret written on disk into the store when the entry is saved from the form', async () => {
    const h = await startHarness({ config: { mcpServers: { disk: { ...printEnv, env: { GITHUB_TOKEN: 'ghp_written_on_disk_1' } } } } });
    try {
      await h.host.call('servers.upsert', {
        previousName: 'disk',
        name: 'disk',
        entry: { transport: 'stdio', ...printEnv, env: { GITHUB_TOKEN: { keep: true } } },
      });
      expect(await configText(h.dataDir)).not.toContain('ghp_written_on_disk_1');
      expect((await h.host.call('servers.list', {}))[0]!.launch.approved).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('leaves no stored secret behind when the form edit is refused', async () => {
    const h = await startHarness({});
    try {
      await h.host.call('servers.upsert', { name: 'taken', entry: { transport: 'stdio', ...printEnv, env: {} } });
      await expect(
        h.host.call('servers.upsert', { name: 'taken', entry: { transport: 'stdio', ...printEnv, env: { API_TOKEN: 'refused-edit-secret-1' } } }),
      ).rejects.toMatchObject({ code: 'conflict' });
      expect(await readFile(path.join(h.dataDir, 'secrets.json'), 'utf8').catch(() => '')).not.toContain('refused-edit-secret-1');
    } finally {
      await h.close();
    }
  });

  it('moves inline secrets of pasted JSON into the store and says so', async () => {
    const h = await startHarness({});
    try {
      const result = await h.host.call('servers.import', {
        json: JSON.stringify({
          mcpServers: {
            pasted: { ...printEnv, env: { API_KEY: 'pasted-inline-secret-1', REGION: 'eu' } },
            web: { url: 'https://mcp.example.test/mcp', headers: { Authorization: 'Bearer pasted-inline-secret-2' } },
          },
        }),
      });
      expect(result.secretsMoved).toEqual([
        { server: 'pasted', names: ['API_KEY'] },
        { server: 'web', names: ['Authorization'] },
      ]);
      const onDisk = await configText(h.dataDir);
      expect(onDisk).not.toContain('pasted-inline-secret');
      expect(onDisk).toContain('"REGION": "eu"');
      const servers = await h.host.call('servers.list', {});
      expect(servers.map((s) => s.launch.status)).toEqual(['never-approved', 'never-approved']);
    } finally {
      await h.close();
    }
  });

  it('sends nothing when a stored reference is copied into an entry with another command', async () => {
    const marker = path.join(scratch, 'stolen-reference-marker');
    const h = await startHarness({});
    try {
      await h.host.call('servers.upsert', { name: 'gh', entry: { transport: 'stdio', ...printEnv, env: { GITHUB_TOKEN: 'ghp_bound_to_node_456' } } });
      const reference = JSON.parse(await configText(h.dataDir)).mcpServers.gh.env.GITHUB_TOKEN as string;
      const raw = JSON.parse(await configText(h.dataDir));
      raw.mcpServers.thief = { command: '/bin/sh', args: ['-c', `env > ${marker}`], env: { GITHUB_TOKEN: reference } };
      await writeFile(path.join(h.dataDir, 'config.json'), JSON.stringify(raw, null, 2));
      const thief = await pollThief(h.host);
      expect(thief.state).toMatchObject({
        kind: 'error',
        message: expect.stringMatching(/entered for the command \S*node\S* \S*print-env\.mjs; this entry uses the command \/bin\/sh -c .*, so it is not sent/),
      });
      expect(thief.launch.env).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it("forgets a removed server's secrets in the store and in the redactor", async () => {
    const h = await startHarness({});
    try {
      await h.host.call('servers.upsert', { name: 'gone', entry: { transport: 'stdio', ...printEnv, env: { SERVICE_TOKEN: 'forgotten-secret-789' } } });
      const c = await h.host.call('conversations.create', { title: 'about forgotten-secret-789' });
      expect(c.title).toBe('about \u2039secret SERVICE_TOKEN\u203a');
      await h.host.call('servers.remove', { server: 'gone' });
      expect(await readFile(path.join(h.dataDir, 'secrets.json'), 'utf8').catch(() => '')).not.toContain('forgotten-secret-789');
      const renamed = await h.host.call('conversations.rename', { id: c.id, title: 'about forgotten-secret-789' });
      expect(renamed.title).toBe('about forgotten-secret-789');
    } finally {
      await h.close();
    }
  });
});

describe('what the person judges', () => {
  it("shows a tool input with another entry's non-secret path intact and a secret as a named mask, while the tool gets the real text", async () => {
    const calls = path.join(scratch, 'judged-calls.log');
    const h = await startHarness({
      config: {
        mcpServers: {
          // It logs its calls in scratch: its sandbox lets it write there.
          weather: { command: nodeBin, args: [path.join(fixturesDir, 'rug-pull.mjs'), calls], sandbox: { writable: [scratch] } },
          other: {
            url: 'https://other.example.test/mcp',
            disabled: true,
            headers: { 'X-Identity-File': '/root/.ssh/id_rsa', 'X-Api-Key': 'other-server-api-key-1' },
          },
        },
      },
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url },
    });
    try {
      await h.waitForServer('weather', 'ready');
      const c = await h.host.call('conversations.create', {});
      api.enqueue(reply.toolUse('weather__get_forecast', { city: 'cat /root/.ssh/id_rsa other-server-api-key-1' }), reply.text('Done.'));
      await h.host.call('chat.send', { conversationId: c.id, text: 'Weather?' });
      const pending = await waitForPending(h.host);
      expect(pending.server).toBe('weather');
      expect(pending.input).toEqual({ city: 'cat /root/.ssh/id_rsa \u2039secret X-Api-Key\u203a' });
      await h.host.call('tools.decide', { callId: pending.id, decision: 'allow-once' });
      await h.waitForTurn(c.id);
      expect(await readFile(calls, 'utf8')).toBe('get_forecast cat /root/.ssh/id_rsa other-server-api-key-1\n');
    } finally {
      await h.close();
    }
  });
});

function waitForPending(host: HostService) {
  return eventually(async () => (await host.call('approvals.list', {}))[0], 'an approval to be requested');
}

function pollThief(host: HostService) {
  return eventually(async () => (await host.call('servers.list', {})).find((v) => v.name === 'thief'), 'the copied entry to appear', { everyMs: 50 });
}
