// Attack (issue 24, item 6): a tool echoes a stored secret. The screen masked it, but the conversation file kept
// it in plain text three times (the transcript, the call's result, Claude's reply): on the desktop a plaintext
// copy of a value otherwise encrypted. Saved conversations follow the screen's rules (the redactor), and Claude
// gets the masked result too: a stored secret never leaves the machine through a tool's output.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { startHarness } from '../../support/hostHarness.ts';
import { fixturesDir, nodeBin } from '../../support/paths.ts';

const KEY = 'sk-ant-api03-saved-conversations-key-0123456789';
const SECRET = 'ghp_storedSecretValue0123456789abcdef';
const MASK = '\u2039secret GITHUB_TOKEN\u203a';
let api: FakeAnthropic;

beforeAll(async () => {
  api = await startFakeAnthropic({ apiKey: KEY });
});
afterAll(async () => {
  await api.close();
});

describe('a saved conversation', () => {
  it('holds the mask, not the stored secret a tool echoed or Claude repeated; Claude is sent the mask too', async () => {
    const h = await startHarness({ env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url } });
    try {
      const entry = { transport: 'stdio' as const, command: nodeBin, args: [path.join(fixturesDir, 'print-env.mjs')], env: { GITHUB_TOKEN: SECRET } };
      await h.host.call('servers.upsert', { name: 'env', entry });
      expect(await readFile(path.join(h.dataDir, 'config.json'), 'utf8')).not.toContain(SECRET);
      await h.host.call('servers.setTrust', { server: 'env', trusted: true });
      await h.waitForServer('env', 'ready');

      const c = await h.host.call('conversations.create', {});
      api.enqueue(reply.toolUse('env__env', {}), reply.text(`Your GitHub token is ${SECRET}.`));
      await h.host.call('chat.send', { conversationId: c.id, text: 'What is in your environment?' });
      expect((await h.waitForTurn(c.id)).outcome).toBe('complete');
      await h.host.call('conversations.rename', { id: c.id, title: 'Environment' });

      // The server did receive its secret: Claude sees where it was, masked by name.
      const sentToClaude = JSON.stringify(api.requests.at(-1)!.body.messages);
      expect(sentToClaude).toContain(MASK);
      expect(sentToClaude).not.toContain(SECRET);

      const file = await readFile(path.join(h.dataDir, 'conversations', `${c.id}.json`), 'utf8');
      expect(file).not.toContain(SECRET);
      const saved = JSON.parse(file) as { transcript: unknown[]; messages: { role: string }[] };
      expect(JSON.stringify(saved.transcript)).toContain(MASK);
      expect(JSON.stringify(saved.messages)).toContain(`Your GitHub token is ${MASK}.`);
    } finally {
      await h.close();
    }
  });
});
