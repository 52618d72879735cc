// The data folder is the owner's alone: created 0700, an existing looser one (and its folders)
// tightened, secret files 0600. Other users on the machine cannot list or read conversations.
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost } from '../../../app/host/createHost.ts';

let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const modeOf = async (p: string) => (await stat(p)).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the data folder', () => {
  it('is created 0700, and so are the folders the core makes inside it', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'sb-mode-'));
    const dataDir = path.join(root, 'nested', 'switchboard');
    const host = await createHost({ dataDir, env: {}, mode: 'test', watchConfig: false });
    await host.call('conversations.create', { title: 'Private' });
    await host.call('settings.update', { apiKey: 'sk-ant-private-key-123' });
    await host.dispose();
    expect(await modeOf(dataDir)).toBe(0o700);
    expect(await modeOf(path.join(dataDir, 'conversations'))).toBe(0o700);
    expect(await modeOf(path.join(dataDir, 'secrets.json'))).toBe(0o600);
  });

  it('is tightened when it already exists with looser modes, its folders and secret files too', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'sb-mode-'));
    const dataDir = path.join(root, 'data');
    await mkdir(path.join(dataDir, 'conversations'), { recursive: true });
    await writeFile(path.join(dataDir, 'secrets.json'), '{}');
    await writeFile(path.join(dataDir, 'api-key.safe'), 'c2VjcmV0');
    await writeFile(path.join(dataDir, 'config.json'), '{ "mcpServers": {} }');
    await chmod(path.join(dataDir, 'api-key.safe'), 0o644);
    await chmod(path.join(dataDir, 'config.json'), 0o644);
    await chmod(dataDir, 0o755);
    await chmod(path.join(dataDir, 'conversations'), 0o777);
    await chmod(path.join(dataDir, 'secrets.json'), 0o644);
    const host = await createHost({ dataDir, env: {}, mode: 'test', watchConfig: false });
    await host.dispose();
    expect(await modeOf(dataDir)).toBe(0o700);
    expect(await modeOf(path.join(dataDir, 'conversations'))).toBe(0o700);
    expect(await modeOf(path.join(dataDir, 'secrets.json'))).toBe(0o600);
    expect(await modeOf(path.join(dataDir, 'api-key.safe'))).toBe(0o600);
    expect(await modeOf(path.join(dataDir, 'config.json'))).toBe(0o600);
  });
});
