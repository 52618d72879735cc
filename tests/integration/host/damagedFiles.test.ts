// A damaged data file never stops the host: it is set aside and the person sees a notice naming it.
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { startHarness } from '../../support/hostHarness.ts';

it('sets aside damaged settings, roots and sampling files and tells the person about each', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-damaged-'));
  try {
    await writeFile(path.join(dataDir, 'settings.json'), '{"model": ');
    await writeFile(path.join(dataDir, 'roots.json'), '[1, 2, 3]');
    await writeFile(path.join(dataDir, 'sampling.json'), '"nope"');
    const h = await startHarness({ dataDir });
    try {
      const info = await h.host.call('host.info', {});
      const messages = info.notices.filter((n) => n.level === 'warning').map((n) => n.message);
      for (const name of ['settings.json', 'roots.json', 'sampling.json']) {
        expect(
          messages.some((m) => m.startsWith(`${name} could not be used`)),
          name,
        ).toBe(true);
      }
      expect(await readFile(path.join(dataDir, 'settings.json.damaged'), 'utf8')).toBe('{"model": ');
      // The host works with defaults, and the next save writes a good file.
      const settings = await h.host.call('settings.update', { maxTokens: 1234 });
      expect(settings.maxTokens).toBe(1234);
      expect(JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8'))).toEqual({ maxTokens: 1234 });
    } finally {
      await h.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
