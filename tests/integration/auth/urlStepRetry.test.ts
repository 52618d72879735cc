// A tool call that fails with -32042 shows the URL like a URL elicitation and runs again once the step is done.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElicitationView } from '../../../app/api/views.ts';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { startHarness } from '../../support/hostHarness.ts';
import { fixturesDir, nodeBin } from '../../support/paths.ts';
import { eventually } from '../../support/eventually.ts';

const KEY = 'sk-ant-url-step-key-000';
let api: FakeAnthropic;
beforeAll(async () => {
  api = await startFakeAnthropic({ apiKey: KEY });
});
afterAll(() => api.close());

async function run() {
  const h = await startHarness({
    // The bank serves its page on loopback for the test to visit: a sandboxed server's loopback is its own
    // network namespace, out of the test's reach, so this one runs unsandboxed.
    config: { mcpServers: { bank: { command: nodeBin, args: [path.join(fixturesDir, 'url-step.mjs')], sandbox: false } } },
    env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url },
    trustServers: true,
  });
  await h.waitForServer('bank', 'ready');
  const c = await h.host.call('conversations.create', {});
  api.enqueue(reply.toolUse('bank__pay', {}), reply.text('Done.'));
  await h.host.call('chat.send', { conversationId: c.id, text: 'pay' });
  const asked: ElicitationView = await eventually(async () => (await h.host.call('elicitation.list', {}))[0], 'the URL step to be shown', { everyMs: 50 });
  return { h, c, asked };
}

describe('URL steps a tool call needs (-32042)', () => {
  it('shows the URL, and once the page is visited and the server says it is complete, the call runs again and succeeds', async () => {
    const { h, c, asked } = await run();
    try {
      expect(asked).toMatchObject({
        mode: 'url',
        server: 'bank',
        host: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
        message: 'Confirm the payment on the bank page.',
      });
      await h.host.call('elicitation.respond', { id: asked.id, action: 'accept' });
      await fetch(asked.mode === 'url' ? asked.url : '');
      const finished = await h.waitForTurn(c.id);
      expect(finished.outcome).toBe('complete');
      const results = JSON.stringify(api.requests.at(-1)!.body.messages);
      expect(results).toContain('paid after 2 calls');
    } finally {
      await h.close();
    }
  });

  it('says the person declined, without calling again', async () => {
    const { h, c, asked } = await run();
    try {
      await h.host.call('elicitation.respond', { id: asked.id, action: 'decline' });
      await h.waitForTurn(c.id);
      const results = JSON.stringify(api.requests.at(-1)!.body.messages);
      expect(results).toContain('needs you to finish a step at 127.0.0.1');
      expect(results).toContain('you declined it');
    } finally {
      await h.close();
    }
  });
});
