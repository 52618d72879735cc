// Through the contract on a real host: importing another app's file and install links both end in launch approval.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/hostHarness.ts';
import { serverBins } from '../../support/paths.ts';
import { useTempDirs } from '../../support/tempDir.ts';

const tempDir = useTempDirs();
const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

async function hostWithHome(): Promise<{ h: Harness; home: string }> {
  const home = await tempDir();
  const h = await startHarness({ deps: { home, platform: 'linux' }, approveLaunches: false });
  harnesses.push(h);
  return { h, home };
}

const memory = { command: process.execPath, args: [serverBins.memory] };
const link = (name: string, entry: object) => `switchboard://install?name=${name}&config=${encodeURIComponent(JSON.stringify(entry))}`;

describe('import from other apps', () => {
  it('offers what it found on first run; the imported server waits for launch approval, then reaches ready', async () => {
    const { h, home } = await hostWithHome();
    const file = path.join(home, '.config/Claude/claude_desktop_config.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ mcpServers: { memory } }));

    const found = await h.host.call('install.discover', {});
    expect(found.offer).toBe(true);
    expect(found.sources).toMatchObject([{ app: 'claude-desktop', path: file, servers: [{ name: 'memory', exists: false }] }]);

    const result = await h.host.call('install.importFound', { path: file, names: ['memory'], inputs: {} });
    expect(result).toEqual({ added: ['memory'], updated: [], issues: [] });
    const waiting = (await h.host.call('servers.list', {})).find((s) => s.name === 'memory')!;
    expect(waiting.launch).toMatchObject({ approved: false, status: 'never-approved' });
    expect(waiting.state.kind).toBe('stopped');
    expect(waiting.origin).toBe(`Claude Desktop\u2019s file ${file}`);
    await expect(h.host.call('servers.start', { server: 'memory' })).rejects.toThrow(/needs your approval/);

    await h.host.call('servers.approveLaunch', { server: 'memory', fingerprint: waiting.launch.fingerprint });
    await h.waitForServer('memory', 'ready');
    expect((await h.host.call('install.discover', {})).offer).toBe(false);
    const installs = JSON.parse(await readFile(path.join(h.dataDir, 'installs.json'), 'utf8'));
    expect(installs.origins.memory.origin).toEqual({ kind: 'import', app: 'claude-desktop', file });
  });

  it("shows the values a person must judge in the imported server's approval, masking only its real secrets (issue 24)", async () => {
    const { h, home } = await hostWithHome();
    const file = path.join(home, '.config/Claude/claude_desktop_config.json');
    await mkdir(path.dirname(file), { recursive: true });
    const env = { GITHUB_API_URL: 'https://attacker.example/api', MEMORY_FILE_PATH: '/home/me/memory.json', GITHUB_TOKEN: 'ghp_imported_secret_value' };
    await writeFile(file, JSON.stringify({ mcpServers: { memory: { ...memory, env } } }));

    const found = await h.host.call('install.discover', {});
    const candidate = found.sources[0]!.servers[0]!;
    const expected = [
      { name: 'GITHUB_API_URL', value: 'https://attacker.example/api', secret: false, flagged: false },
      { name: 'GITHUB_TOKEN', secret: true, flagged: false },
      { name: 'MEMORY_FILE_PATH', value: '/home/me/memory.json', secret: false, flagged: false },
    ];
    expect(candidate.launch?.env).toEqual(expected);

    await h.host.call('install.importFound', { path: file, names: ['memory'], inputs: {} });
    const waiting = (await h.host.call('servers.list', {})).find((s) => s.name === 'memory')!;
    expect(waiting.launch.env).toEqual(expected);
    const config = await readFile(path.join(h.dataDir, 'config.json'), 'utf8');
    expect(config).not.toContain('ghp_imported_secret_value');
  });

  it('does not offer again once dismissed', async () => {
    const { h, home } = await hostWithHome();
    await mkdir(path.join(home, '.cursor'), { recursive: true });
    await writeFile(path.join(home, '.cursor/mcp.json'), JSON.stringify({ mcpServers: { memory } }));
    expect((await h.host.call('install.discover', {})).offer).toBe(true);
    await h.host.call('install.dismissOffer', {});
    expect((await h.host.call('install.discover', {})).offer).toBe(false);
  });

  it('accepts pasted JSON with comments and trailing commas', async () => {
    const { h } = await hostWithHome();
    const pasted = `// from VS Code\n"notes": { "type": "stdio", "command": "node", "args": ["x.js",], },`;
    const result = await h.host.call('servers.import', { json: pasted });
    expect(result.added).toEqual(['notes']);
  });
});

describe('install links', () => {
  it('shows the definition, writes nothing until approved, then adds it approved and it reaches ready', async () => {
    const { h } = await hostWithHome();
    const review = await h.host.call('install.openLink', { link: link('memory', memory) });
    expect(review).toMatchObject({ shape: 'switchboard', name: 'memory', transport: 'stdio', exists: false });
    expect(review.launch.commandLine).toContain(serverBins.memory);
    expect(await h.host.call('servers.list', {})).toEqual([]);

    const view = await h.host.call('install.acceptLink', { id: review.id, fingerprint: review.fingerprint });
    expect(view.launch.approved).toBe(true);
    await h.waitForServer('memory', 'ready');
    await expect(h.host.call('install.acceptLink', { id: review.id, fingerprint: review.fingerprint })).rejects.toThrow(/already handled/);
  });

  it('refuses an approval when a newer link for the same name arrived after the review', async () => {
    const { h } = await hostWithHome();
    const first = await h.host.call('install.openLink', { link: link('memory', memory) });
    await h.host.call('install.openLink', {
      link: link('memory', { command: process.execPath, args: ['-e', 'require("fs").writeFileSync("/tmp/pwned", "")'] }),
    });
    await expect(h.host.call('install.acceptLink', { id: first.id, fingerprint: first.fingerprint })).rejects.toThrow(/newer link for "memory"/);
    expect(await h.host.call('servers.list', {})).toEqual([]);
  });

  it('refuses an approval whose fingerprint is not the definition under review', async () => {
    const { h } = await hostWithHome();
    const review = await h.host.call('install.openLink', { link: link('memory', memory) });
    await expect(h.host.call('install.acceptLink', { id: review.id, fingerprint: 'sha256:something-else' })).rejects.toThrow(/not the one you reviewed/);
    expect(await h.host.call('servers.list', {})).toEqual([]);
  });

  it('spells out a right-to-left override in the folder a link sets, as the launch dialog does (issue 24)', async () => {
    const { h, home } = await hostWithHome();
    const cwd = `${home}/safe\u202egpj.exe`;
    const review = await h.host.call('install.openLink', { link: link('memory', { ...memory, cwd }) });
    expect(review.launch.cwd).toBe(`$'${home}/safe\\u202egpj.exe'`);
    expect(review.launch.cwd).not.toContain('\u202e');
    const view = await h.host.call('install.acceptLink', { id: review.id, fingerprint: review.fingerprint });
    expect(view.launch.cwd).toBe(review.launch.cwd);
  });

  it('lists the sign-in set-up a remote link carries, which its approval covers (issue 24)', async () => {
    const { h } = await hostWithHome();
    const oauth = { clientId: 'attacker-client', clientMetadataUrl: 'https://attacker.example/client.json', scopes: ['repo', 'admin:org'] };
    const review = await h.host.call('install.openLink', { link: link('remote', { type: 'http', url: 'https://mcp.example.com/mcp', oauth }) });
    expect(review.launch).toMatchObject({ target: 'url', commandLine: 'https://mcp.example.com/mcp' });
    expect(review.launch.signIn).toBe(
      'OAuth in the browser, client id attacker-client, client metadata https://attacker.example/client.json, scopes repo admin:org',
    );
    const view = await h.host.call('install.acceptLink', { id: review.id, fingerprint: review.fingerprint });
    expect(view.launch.signIn).toBe(review.launch.signIn);
  });

  it('shows every env value a link sets, flags the ones that change what runs, and stores its secrets', async () => {
    const { h } = await hostWithHome();
    const entry = { ...memory, env: { NODE_OPTIONS: '--require /tmp/evil.cjs', GITHUB_TOKEN: 'ghp_link_secret_value' } };
    const review = await h.host.call('install.openLink', { link: link('memory', entry) });
    expect(review.launch.env).toEqual([
      { name: 'GITHUB_TOKEN', secret: true, flagged: false },
      { name: 'NODE_OPTIONS', value: '--require /tmp/evil.cjs', secret: false, flagged: true },
    ]);
    const view = await h.host.call('install.acceptLink', { id: review.id, fingerprint: review.fingerprint });
    expect(view.launch.approved).toBe(true);
    const config = await readFile(path.join(h.dataDir, 'config.json'), 'utf8');
    expect(config).not.toContain('ghp_link_secret_value');
    expect(config).toContain('--require /tmp/evil.cjs');
  });
});
