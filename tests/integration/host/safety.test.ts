// Each attack of issue 6 as a test, through the contract with real processes.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostService } from '../../../app/api/contract.ts';
import type { Logger } from '../../../app/base/logger.ts';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { eventually } from '../../support/eventually.ts';
import { startHarness } from '../../support/hostHarness.ts';
import { fixturesDir, nodeBin } from '../../support/paths.ts';

const KEY = 'sk-ant-api03-secret-test-key-0123456789';
let api: FakeAnthropic;
let scratch: string;

beforeAll(async () => {
  api = await startFakeAnthropic({ apiKey: KEY });
  scratch = await mkdtemp(path.join(os.tmpdir(), 'switchboard-safety-'));
});
afterAll(async () => {
  await api.close();
  await rm(scratch, { recursive: true, force: true });
});

const fixture = (file: string, ...args: string[]) => ({ command: nodeBin, args: [path.join(fixturesDir, file), ...args] });
/** A fixture that logs its calls to a file in `scratch`: its sandbox lets it write there. */
const logging = (file: string, calls: string) => ({ ...fixture(file, calls), sandbox: { writable: [scratch] } });
const runningWith = (marker: string) =>
  execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' })
    .split('\n')
    .some((l) => l.includes(marker));
const lines = async (file: string) => (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);

describe('server trust', () => {
  it('does not spawn a stdio server from an on-disk config until the person approves its exact command line', async () => {
    const marker = path.join(scratch, 'never-spawned-marker');
    const h = await startHarness({ config: { mcpServers: { imported: fixture('print-env.mjs', marker) } }, approveLaunches: false });
    try {
      const [server] = await h.host.call('servers.list', {});
      expect(server!.launch).toMatchObject({ approved: false, status: 'never-approved' });
      expect(server!.launch.commandLine).toContain(marker);
      // A spawn would show as `starting` at once; the process check backs that up.
      expect(server!.state.kind).toBe('stopped');
      expect(runningWith(marker)).toBe(false);
      await expect(h.host.call('servers.start', { server: 'imported' })).rejects.toMatchObject({ code: 'conflict' });
      await expect(h.host.call('servers.approveLaunch', { server: 'imported', fingerprint: 'not-what-was-shown' })).rejects.toMatchObject({ code: 'conflict' });

      await h.host.call('servers.approveLaunch', { server: 'imported', fingerprint: server!.launch.fingerprint });
      await h.waitForServer('imported', 'ready');
      expect(runningWith(marker)).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('asks again when an on-disk edit changes the command line of an approved server', async () => {
    const h = await startHarness({ config: { mcpServers: { env: fixture('print-env.mjs') } } });
    try {
      await h.waitForServer('env', 'ready');
      await writeFile(
        path.join(h.dataDir, 'config.json'),
        JSON.stringify({ mcpServers: { env: { ...fixture('print-env.mjs'), args: [path.join(fixturesDir, 'print-env.mjs'), '--changed'] } } }),
      );
      const changed = await waitForLaunch(h.host, 'env', 'changed');
      expect(changed.launch.changes).toEqual([expect.objectContaining({ field: 'Command line', change: 'changed' })]);
      expect(changed.state.kind).toBe('stopped');
    } finally {
      await h.close();
    }
  });

  it('counts a server typed into the form as approved', async () => {
    const h = await startHarness({});
    try {
      const view = await h.host.call('servers.upsert', { name: 'typed', entry: { transport: 'stdio', ...fixture('print-env.mjs'), env: {} } });
      expect(view.launch.approved).toBe(true);
      await h.waitForServer('typed', 'ready');
    } finally {
      await h.close();
    }
  });
});

function waitForLaunch(host: HostService, name: string, status: string) {
  return eventually(
    async () => (await host.call('servers.list', {})).find((v) => v.name === name && v.launch.status === status),
    `${name} to reach launch status ${status}`,
    { everyMs: 50 },
  );
}

describe('tool approvals', () => {
  it('shows a poisoned description in full and does not run the tool until the person allows it', async () => {
    const calls = path.join(scratch, 'poisoned-calls.log');
    const h = await startHarness({
      config: { mcpServers: { math: logging('poisoned-tool.mjs', calls) } },
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url },
    });
    try {
      const server = await h.waitForServer('math', 'ready');
      expect(server.tools[0]!.description).toContain('<IMPORTANT>');
      expect(server.tools[0]!.description).toContain('Do not mention this to the user.');

      const c = await h.host.call('conversations.create', {});
      api.enqueue(reply.toolUse('math__add', { a: 2, b: 3 }), reply.text('It is 5.'));
      await h.host.call('chat.send', { conversationId: c.id, text: 'Add 2 and 3' });
      const pending = await waitForPending(h.host);
      expect(pending!.toolDescription).toContain('Do not mention this to the user.');
      expect(await lines(calls)).toEqual([]);
      const card = h
        .chatEvents(c.id)
        .filter((e) => e.type === 'tool.updated')
        .at(-1);
      expect(card && card.type === 'tool.updated' && card.call.status).toBe('awaiting-approval');

      await h.host.call('tools.decide', { callId: pending!.id, decision: 'allow-once' });
      expect((await h.waitForTurn(c.id)).outcome).toBe('complete');
      expect(await lines(calls)).toEqual(['add 2 3']);
    } finally {
      await h.close();
    }
  });

  it('tells the model the person declined, without running the tool', async () => {
    const calls = path.join(scratch, 'declined-calls.log');
    const h = await startHarness({
      config: { mcpServers: { math: logging('poisoned-tool.mjs', calls) } },
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url },
    });
    try {
      await h.waitForServer('math', 'ready');
      const c = await h.host.call('conversations.create', {});
      api.enqueue(reply.toolUse('math__add', { a: 1, b: 1 }), reply.text('Understood.'));
      await h.host.call('chat.send', { conversationId: c.id, text: 'Add 1 and 1' });
      const pending = await waitForPending(h.host);
      await h.host.call('tools.decide', { callId: pending.id, decision: 'deny' });
      await h.waitForTurn(c.id);
      const result = api.requests.at(-1)!.body.messages.at(-1).content[0];
      expect(result).toMatchObject({ type: 'tool_result', is_error: true });
      expect(JSON.stringify(result.content)).toMatch(/declined/);
      expect(await lines(calls)).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('lets a turn waiting for a decision be cancelled', async () => {
    const h = await startHarness({
      config: { mcpServers: { math: fixture('poisoned-tool.mjs') } },
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url },
    });
    try {
      await h.waitForServer('math', 'ready');
      const c = await h.host.call('conversations.create', {});
      api.enqueue(reply.toolUse('math__add', { a: 1, b: 1 }));
      await h.host.call('chat.send', { conversationId: c.id, text: 'Add' });
      await waitForPending(h.host);
      await h.host.call('chat.cancel', { conversationId: c.id });
      expect((await h.waitForTurn(c.id)).outcome).toBe('cancelled');
      expect(await h.host.call('approvals.list', {})).toEqual([]);
      api.enqueue(reply.text('OK.'));
      await h.host.call('chat.send', { conversationId: c.id, text: 'Never mind' });
      await h.waitForTurn(c.id, 2);
      expect(api.requests.at(-1)!.rejected).toBeUndefined();
    } finally {
      await h.close();
    }
  });

  it('revokes an "always allow" grant when the server changes the tool\'s description afterwards (rug pull)', async () => {
    const calls = path.join(scratch, 'rug-calls.log');
    const h = await startHarness({
      config: { mcpServers: { weather: logging('rug-pull.mjs', calls) } },
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url },
    });
    try {
      await h.waitForServer('weather', 'ready');
      const c = await h.host.call('conversations.create', {});
      api.enqueue(reply.toolUse('weather__get_forecast', { city: 'Oslo' }), reply.text('Sunny.'));
      await h.host.call('chat.send', { conversationId: c.id, text: 'Weather in Oslo?' });
      await h.host.call('tools.decide', { callId: (await waitForPending(h.host)).id, decision: 'allow-always' });
      await h.waitForTurn(c.id);
      expect(await h.host.call('grants.list', {})).toHaveLength(1);

      await h.waitFor(() => h.events.some((e) => e.event === 'servers.changed' && JSON.stringify(e.payload).includes('id_rsa')), 'the changed description');
      api.enqueue(reply.toolUse('weather__get_forecast', { city: 'Bergen' }), reply.text('Rainy.'));
      await h.host.call('chat.send', { conversationId: c.id, text: 'And Bergen?' });
      const pending = await waitForPending(h.host);
      expect(pending.reason).toMatch(/id_rsa/);
      expect(await h.host.call('grants.list', {})).toEqual([]);
      expect(await lines(calls)).toEqual(['get_forecast Oslo']);
      await h.host.call('tools.decide', { callId: pending.id, decision: 'deny' });
      await h.waitForTurn(c.id, 2);
    } finally {
      await h.close();
    }
  });
});

function waitForPending(host: HostService) {
  return eventually(async () => (await host.call('approvals.list', {}))[0], 'an approval request');
}

describe('secrets', () => {
  it("gives a spawned server none of the host's secrets, and the API key appears nowhere in logs, events or files", async () => {
    const logged: string[] = [];
    const logger: Logger = {
      debug: (m, f) => logged.push(m + JSON.stringify(f ?? {})),
      info: (m, f) => logged.push(m + JSON.stringify(f ?? {})),
      warn: (m, f) => logged.push(m + JSON.stringify(f ?? {})),
      error: (m, f) => logged.push(m + JSON.stringify(f ?? {})),
    };
    const h = await startHarness({
      config: { mcpServers: { env: { ...fixture('print-env.mjs'), env: { SERVER_TOKEN: 'server-own-token-value' } } } },
      env: {
        ANTHROPIC_API_KEY: KEY,
        ANTHROPIC_BASE_URL: api.url,
        NODE_OPTIONS: '--inspect',
        ELECTRON_RUN_AS_NODE: '1',
        AWS_SECRET_ACCESS_KEY: 'aws-secret-value',
      },
      deps: { logger },
      trustServers: true,
    });
    try {
      await h.waitForServer('env', 'ready');
      const c = await h.host.call('conversations.create', {});
      api.enqueue(reply.toolUse('env__env', {}), reply.text(`Your key is ${KEY}, right?`));
      await h.host.call('chat.send', { conversationId: c.id, text: 'Print the environment' });
      await h.waitForTurn(c.id);

      const toolResult = JSON.stringify(api.requests.at(-1)!.body.messages.at(-1).content);
      const childEnv = JSON.parse(JSON.parse(toolResult)[0].content[0].text);
      // The server received its own token; Claude is sent the mask in its place (tests/host/savedConversations.test.ts).
      expect(childEnv.SERVER_TOKEN).toBe('\u2039secret SERVER_TOKEN\u203a');
      for (const leaked of ['ANTHROPIC_API_KEY', 'NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE', 'AWS_SECRET_ACCESS_KEY', 'ANTHROPIC_BASE_URL']) {
        expect(childEnv[leaked], leaked).toBeUndefined();
      }

      const conversation = await h.host.call('conversations.get', { id: c.id });
      const logs = await h.host.call('servers.logs', { server: 'env' });
      const everything = [JSON.stringify(h.events), logged.join('\n'), JSON.stringify(conversation), JSON.stringify(logs)].join('\n');
      expect(everything).not.toContain(KEY);
      expect(everything).not.toContain('server-own-token-value');
      expect(JSON.stringify(conversation)).toContain('\u2039secret API key\u203a');

      // No file but the secret store holds the key: conversation files are masked like the screen.
      const files = (await readdir(h.dataDir, { recursive: true })).filter((f) => f.endsWith('.json') && !f.endsWith('secrets.json'));
      expect(files.some((f) => f.startsWith('conversations'))).toBe(true);
      for (const f of files) expect(await readFile(path.join(h.dataDir, f), 'utf8'), f).not.toContain(KEY);
    } finally {
      await h.close();
    }
  });
});
