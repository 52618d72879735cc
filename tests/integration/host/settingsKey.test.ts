// A stored API key that cannot be read (an OS keychain that changed) must not stop the app from starting.
import { expect, it } from 'vitest';
import type { SecretStore } from '../../../app/secrets/index.ts';
import { startHarness } from '../../support/hostHarness.ts';

it('starts without the key, says so, and lets the person enter it again', async () => {
  let stored: string | undefined;
  let broken = true;
  const secrets: SecretStore = {
    async getApiKey() {
      if (broken) throw new Error('The saved key could not be decrypted on this computer');
      return stored;
    },
    async setApiKey(key) {
      broken = false;
      stored = key ?? undefined;
    },
    readServerSecrets: async () => ({}),
    writeServerSecrets: async () => undefined,
  };
  const h = await startHarness({ deps: { secrets } });
  try {
    const info = await h.host.call('host.info', {});
    expect(info.notices.map((n) => n.message).join('\n')).toMatch(/saved API key could not be read .*Enter it again in Settings/);
    expect(await h.host.call('settings.get', {})).toMatchObject({ apiKeySet: false, apiKeySource: 'none' });
    expect(await h.host.call('settings.update', { apiKey: 'sk-ant-new-key-123' })).toMatchObject({ apiKeySet: true, apiKeySource: 'settings' });
  } finally {
    await h.close();
  }
});
