// Every secret file is 0600 by one rule (app/secrets/secretFiles.ts). Attack: an OAuth secrets file left 0644
// (copied from a backup, written by an older version) stayed readable by every user on the machine, because
// the rule that tightens secret files at start did not know its name.
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost } from '../../../app/host/createHost.ts';
import { FileAuthSecrets, isSecretFile, SECRET_FILE_MODE, SECRET_FILES } from '../../../app/secrets/index.ts';

let dataDir: string | undefined;
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const modeOf = async (p: string) => (await stat(p)).mode & 0o777;

async function looseFile(dir: string, name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  await chmod(file, 0o644);
  expect(await modeOf(file)).toBe(0o644);
  return file;
}

describe.skipIf(process.platform === 'win32')('secret file modes', () => {
  it('tightens a loose oauth.secrets.json (and its damaged copy) to 0600 when the host starts, and keeps it 0600 after a write', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-secret-modes-'));
    const oauth = await looseFile(
      dataDir,
      'oauth.secrets.json',
      JSON.stringify({ 'server:a:https://a.example/mcp': '{"tokens":{"access_token":"at-0123456789"}}' }),
    );
    const damaged = await looseFile(dataDir, 'oauth.secrets.json.damaged', '{ half');
    const host = await createHost({ dataDir, env: {}, mode: 'test', watchConfig: false });
    await host.dispose();
    expect(await modeOf(oauth)).toBe(SECRET_FILE_MODE);
    expect(await modeOf(damaged)).toBe(SECRET_FILE_MODE);

    await chmod(oauth, 0o644);
    await new FileAuthSecrets(dataDir).write('server:b:https://b.example/mcp', '{}');
    expect(await modeOf(oauth)).toBe(SECRET_FILE_MODE);
  });

  it('names every store file, config.json and damaged copies as secret, and leaves other files alone', () => {
    for (const name of Object.values(SECRET_FILES)) {
      expect(isSecretFile(name)).toBe(true);
      expect(isSecretFile(`${name}.damaged`)).toBe(true);
      expect(isSecretFile(`${name}.damaged-2`)).toBe(true);
    }
    expect(isSecretFile('config.json')).toBe(true);
    expect(['settings.json', 'grants.json', 'secret-tool.js', 'conversation.json'].filter(isSecretFile)).toEqual([]);
  });
});
