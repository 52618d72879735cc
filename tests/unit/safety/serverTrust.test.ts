import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../../app/safety/canonicalJson.ts';
import { shellQuote } from '../../../app/config/commandLine.ts';
import { launchFingerprint } from '../../../app/safety/launchCommand.ts';
import type { ServerConnectionDef } from '../../../app/safety/serverIdentity.ts';
import { ServerTrustStore } from '../../../app/safety/serverTrust.ts';
import { useTempDirs } from '../../support/tempDir.ts';

const tempDir = useTempDirs();
const imported = {
  kind: 'stdio' as const,
  command: 'npx',
  args: ['-y', '@acme/mcp-server', '--root', '/home/me/My Documents'],
  env: { ACME_TOKEN: 'tok_1234567890' },
};

async function store(dataDir?: string): Promise<ServerTrustStore> {
  const trust = new ServerTrustStore({ dataDir: dataDir ?? (await tempDir()), clock: { now: () => 99 } });
  await trust.load();
  return trust;
}

const approve = (trust: ServerTrustStore, name: string, def: ServerConnectionDef) =>
  trust.admit(name, def, { kind: 'dialog', fingerprint: launchFingerprint(def) });
const mask = (name: string) => `\u2039secret ${name}\u203a`;

describe('launch approval', () => {
  it('does not approve an imported stdio server until the person approves the fingerprint of what was shown', async () => {
    const trust = await store();
    expect(trust.launchApproval('acme', imported)).toEqual({
      approved: false,
      status: 'never-approved',
      fingerprint: launchFingerprint(imported),
      target: 'command',
      commandLine: "npx -y @acme/mcp-server --root '/home/me/My Documents'",
      env: [{ name: 'ACME_TOKEN', secret: true, flagged: false }],
      headerNames: [],
      // The default sandbox policy, with the npx preset: its package comes from the registry into its own folder.
      sandbox: expect.arrayContaining(['network: none', 'npx: downloads its package from registry.npmjs.org into its own folder']),
    });
    expect(await trust.admit('acme', imported, { kind: 'dialog', fingerprint: 'something else' })).toMatchObject({ kind: 'refuse' });
    expect(trust.launchApproval('acme', imported).approved).toBe(false);
    await approve(trust, 'acme', imported);
    expect(trust.launchApproval('acme', imported)).toMatchObject({ approved: true, status: 'approved' });
  });

  it('approves what the person typed into the form as a new entry', async () => {
    const trust = await store();
    await trust.admit('acme', imported, { kind: 'form', previous: 'none' });
    expect(trust.launchApproval('acme', imported)).toMatchObject({ approved: true, status: 'from-form' });
  });

  it('approves nothing when an entry the person never approved is saved from the form or arrives from outside', async () => {
    const trust = await store();
    expect(await trust.admit('acme', imported, { kind: 'form', previous: 'unapproved' })).toEqual({ kind: 'wait' });
    for (const source of ['import', 'disk', 'registry', 'bundle', 'link', 'other-app'] as const) {
      expect(await trust.admit('acme', imported, { kind: 'external', source })).toEqual({ kind: 'wait' });
    }
    expect(trust.launchApproval('acme', imported)).toMatchObject({ approved: false, status: 'never-approved' });
  });

  it('asks again when a secret env value changes, and shows it as changed without the value', async () => {
    const trust = await store();
    await approve(trust, 'acme', imported);
    const changed = trust.launchApproval('acme', { ...imported, env: { ACME_TOKEN: 'tok_0987654321' } });
    expect(changed).toMatchObject({ approved: false, status: 'changed' });
    expect(changed.changes).toEqual([{ field: 'env ACME_TOKEN', change: 'changed', before: mask('ACME_TOKEN'), now: `${mask('ACME_TOKEN')} (new value)` }]);
    expect(JSON.stringify(changed)).not.toContain('tok_');
  });

  it('shows a changed plain env value before and now', async () => {
    const trust = await store();
    const def = { ...imported, env: { ...imported.env, npm_config_registry: 'https://registry.npmjs.org/' } };
    await approve(trust, 'acme', def);
    const changed = trust.launchApproval('acme', { ...def, env: { ...def.env, npm_config_registry: 'https://evil.test/' }, cwd: '/tmp/x' });
    expect(changed.changes).toEqual([
      { field: 'Folder', change: 'added', now: '/tmp/x' },
      { field: 'env npm_config_registry', change: 'changed', before: 'https://registry.npmjs.org/', now: 'https://evil.test/' },
    ]);
    expect(changed.env.find((e) => e.name === 'npm_config_registry')).toEqual({
      name: 'npm_config_registry',
      value: 'https://evil.test/',
      secret: false,
      flagged: true,
    });
  });

  it('asks again when the command, args, env names or cwd change', async () => {
    const trust = await store();
    await approve(trust, 'acme', imported);
    for (const def of [
      { ...imported, command: 'bash' },
      { ...imported, args: [...imported.args, '--allow-write'] },
      { ...imported, env: { ...imported.env, EXTRA: 'x' } },
      { ...imported, cwd: '/tmp' },
    ]) {
      expect(trust.launchApproval('acme', def).approved).toBe(false);
    }
  });

  it('remembers approvals across a reload, diffs against them, and forgets them on request', async () => {
    const dataDir = await tempDir();
    await approve(await store(dataDir), 'acme', imported);
    const reloaded = await store(dataDir);
    expect(reloaded.launchApproval('acme', imported).approved).toBe(true);
    expect(reloaded.launchApproval('acme', { ...imported, env: { ACME_TOKEN: 'other-value-1' } }).changes).toHaveLength(1);
    expect(await readFile(path.join(dataDir, 'trust.json'), 'utf8')).not.toContain('tok_1234567890');
    await reloaded.forget('acme');
    expect((await store(dataDir)).launchApproval('acme', imported).approved).toBe(false);
  });

  it('keeps approval and trust when a server is renamed', async () => {
    const trust = await store();
    await approve(trust, 'acme', imported);
    await trust.setTrust('acme', imported, { trusted: true });
    await trust.rename('acme', 'acme2');
    expect(trust.launchApproval('acme2', imported).approved).toBe(true);
    expect(trust.trustFor('acme2', imported).trusted).toBe(true);
    expect(trust.launchApproval('acme', imported).approved).toBe(false);
  });

  it('holds an imported remote server until its URL and header names are approved', async () => {
    const trust = await store();
    const remote = { kind: 'http' as const, url: 'https://example.com/mcp', headers: { Authorization: 'Bearer abcdefghij' } };
    expect(trust.launchApproval('web', remote)).toMatchObject({
      approved: false,
      status: 'never-approved',
      target: 'url',
      commandLine: 'https://example.com/mcp',
      headerNames: ['Authorization'],
    });
    await approve(trust, 'web', remote);
    expect(trust.launchApproval('web', remote).approved).toBe(true);
    expect(trust.launchApproval('web', { ...remote, headers: { Authorization: 'Bearer rotated-value' } }).approved).toBe(true);
    const moved = trust.launchApproval('web', { ...remote, url: 'https://evil.test/mcp', headers: { ...remote.headers, Cookie: 'c' } });
    expect(moved.changes).toEqual([
      { field: 'URL', change: 'changed', before: 'https://example.com/mcp', now: 'https://evil.test/mcp' },
      { field: 'header Cookie', change: 'added', now: 'Cookie' },
    ]);
  });

  it('holds a remote server again when its sign-in set-up changes (scopes, client, metadata), and shows what changed', async () => {
    const trust = await store();
    const plain = { kind: 'http' as const, url: 'https://example.com/mcp', headers: {} };
    const oauth = { grant: 'authorization_code' as const, clientId: 'switchboard', scopes: ['read'] };
    const signedIn = { ...plain, oauth };
    // An entry without an oauth block keeps the fingerprint it always had: no one is asked again after an update.
    expect(trust.launchApproval('web', plain).fingerprint).toBe(canonicalHash({ url: 'https://example.com/mcp', headerNames: [] }));
    expect(trust.launchApproval('web', signedIn)).toMatchObject({ signIn: 'OAuth in the browser, client id switchboard, scopes read' });
    await approve(trust, 'web', signedIn);
    expect(trust.launchApproval('web', signedIn).approved).toBe(true);
    const wider = trust.launchApproval('web', { ...plain, oauth: { ...oauth, scopes: ['read', 'admin'] } });
    expect(wider.approved).toBe(false);
    expect(wider.changes).toEqual([
      {
        field: 'Sign-in',
        change: 'changed',
        before: 'OAuth in the browser, client id switchboard, scopes read',
        now: 'OAuth in the browser, client id switchboard, scopes read admin',
      },
    ]);
    const elsewhere = trust.launchApproval('web', { ...plain, oauth: { ...oauth, clientMetadataUrl: 'https://evil.test/client.json' } });
    expect(elsewhere.approved).toBe(false);
    expect(elsewhere.changes?.[0]).toMatchObject({ field: 'Sign-in', now: expect.stringContaining('client metadata https://evil.test/client.json') });
    expect(trust.launchApproval('web', plain).changes).toEqual([
      { field: 'Sign-in', change: 'removed', before: 'OAuth in the browser, client id switchboard, scopes read' },
    ]);
  });

  it('shows a 5,000-character argument in full, quoted, never truncated', async () => {
    const long = `--note=${"it's ".repeat(999)}`;
    expect(long.length).toBeGreaterThanOrEqual(5000);
    const approval = (await store()).launchApproval('acme', { ...imported, args: [long] });
    expect(approval.commandLine).toBe(`npx ${shellQuote(long)}`);
    expect(approval.commandLine.length).toBeGreaterThan(long.length);
    expect(approval.commandLine).toContain(long.replace(/'/g, `'\\''`));
  });

  it('flags env names that change what a launcher runs, in any case, and shows every non-secret value', async () => {
    const approval = (await store()).launchApproval('acme', {
      ...imported,
      env: {
        ...imported.env,
        node_options: '--require /tmp/evil.js',
        LD_PRELOAD: '/tmp/evil.so',
        npm_config_node_options: '--require evil.cjs',
        PIP_INDEX_URL: 'https://evil.test/simple',
        https_proxy: 'http://127.0.0.1:9',
        DYLD_INSERT_LIBRARIES: '/x.dylib',
        GIT_CONFIG_COUNT: '1',
        PYTHONSTARTUP: '/tmp/s.py',
        Path: '/tmp/bin',
        HOME: '/tmp/home',
        UV_INDEX_URL: 'https://evil.test',
        LOG_LEVEL: 'debug',
      },
    });
    expect(approval.commandLine).toBe("npx -y @acme/mcp-server --root '/home/me/My Documents'");
    const flagged = approval.env.filter((e) => e.flagged).map((e) => e.name);
    expect(flagged.sort()).toEqual(
      [
        'DYLD_INSERT_LIBRARIES',
        'GIT_CONFIG_COUNT',
        'HOME',
        'LD_PRELOAD',
        'PIP_INDEX_URL',
        'PYTHONSTARTUP',
        'Path',
        'UV_INDEX_URL',
        'https_proxy',
        'node_options',
        'npm_config_node_options',
      ].sort(),
    );
    expect(approval.env.find((e) => e.name === 'npm_config_node_options')).toEqual({
      name: 'npm_config_node_options',
      value: '--require evil.cjs',
      secret: false,
      flagged: true,
    });
    expect(approval.env.find((e) => e.name === 'LOG_LEVEL')).toEqual({ name: 'LOG_LEVEL', value: 'debug', secret: false, flagged: false });
  });

  it('shows the config key git is told to set (GIT_CONFIG_KEY_0 is not masked as a secret)', async () => {
    // Attack: GIT_CONFIG_KEY_0 reads as "…KEY…", so its value (core.sshCommand) would be a mask and the
    // person would see only GIT_CONFIG_VALUE_0 without knowing which setting it replaces.
    const approval = (await store()).launchApproval('acme', {
      ...imported,
      env: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.sshCommand', GIT_CONFIG_VALUE_0: 'sh -c "touch /tmp/pwned"' },
    });
    expect(approval.env.find((e) => e.name === 'GIT_CONFIG_KEY_0')).toEqual({
      name: 'GIT_CONFIG_KEY_0',
      value: 'core.sshCommand',
      secret: false,
      flagged: true,
    });
  });

  it("shows a launcher setting's value even when it came from the secret store", async () => {
    const approval = (await store()).launchApproval(
      'acme',
      { ...imported, env: { NODE_OPTIONS: '--require /tmp/evil.js', NODE_AUTH_TOKEN: 'npm_abcdefgh' } },
      new Set(['NODE_OPTIONS', 'NODE_AUTH_TOKEN']),
    );
    expect(approval.env).toEqual([
      { name: 'NODE_AUTH_TOKEN', secret: true, flagged: true },
      { name: 'NODE_OPTIONS', value: '--require /tmp/evil.js', secret: false, flagged: true },
    ]);
  });

  it('spells out hidden and direction-changing characters in env values and the folder, as in the command line', async () => {
    // Attack: a right-to-left override makes "--require /tmp/x.js" read as something else, and a newline
    // hides what really sits in a path. (A disguised env *name* is not the real variable, so it changes nothing.)
    const approval = (await store()).launchApproval('acme', {
      ...imported,
      cwd: '/home/me\n/tmp/evil',
      env: { NODE_OPTIONS: '--max-old-space-size=4096 \u202esj.x/pmt/ eriuqer--', 'LOG\u200b_LEVEL': 'debug' },
    });
    expect(approval.cwd).toBe("$'/home/me\\n/tmp/evil'");
    expect(approval.env).toEqual([
      { name: 'LOG\u200b_LEVEL', value: 'debug', secret: false, flagged: false },
      { name: 'NODE_OPTIONS', value: "$'--max-old-space-size=4096 \\u202esj.x/pmt/ eriuqer--'", secret: false, flagged: true },
    ]);
  });

  it('starts with nothing approved when trust.json is damaged', async () => {
    const dataDir = await tempDir();
    await writeFile(path.join(dataDir, 'trust.json'), 'not json');
    const trust = await store(dataDir);
    expect(trust.problem).toMatch(/trust\.json could not be used/);
    expect(trust.launchApproval('acme', imported).approved).toBe(false);
  });
});

describe('shellQuote', () => {
  it('quotes spaces, quotes and empty strings the way a POSIX shell reads them', () => {
    expect(shellQuote('plain-arg_1.txt')).toBe('plain-arg_1.txt');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's; rm -rf ~")).toBe(`'it'\\''s; rm -rf ~'`);
  });

  it('spells out control and direction-changing characters so nothing is disguised', () => {
    expect(shellQuote('safe\nrm -rf ~')).toBe("$'safe\\nrm -rf ~'");
    expect(shellQuote('file\u202Egnp.exe')).toBe("$'file\\u202egnp.exe'");
    expect(shellQuote('\u001b[2Kok')).toBe("$'\\x1b[2Kok'");
  });
});

describe('server trust', () => {
  it('is off by default', async () => {
    expect((await store()).trustFor('acme', imported)).toEqual({ trusted: false, autoApproveReadOnly: false });
  });

  it('persists and applies only to the same server identity', async () => {
    const dataDir = await tempDir();
    const trust = await store(dataDir);
    expect(await trust.setTrust('acme', imported, { trusted: true, autoApproveReadOnly: true })).toEqual({ trusted: true, autoApproveReadOnly: true });
    const reloaded = await store(dataDir);
    expect(reloaded.trustFor('acme', imported)).toEqual({ trusted: true, autoApproveReadOnly: true });
    expect(reloaded.trustFor('acme', { ...imported, args: ['-y', '@evil/server'] })).toEqual({ trusted: false, autoApproveReadOnly: false });
    expect(reloaded.trustFor('acme', { ...imported, env: { ACME_TOKEN: 'rotated-123456' } }).trusted).toBe(true);
  });

  it('changes one setting without touching the other', async () => {
    const trust = await store();
    await trust.setTrust('acme', imported, { autoApproveReadOnly: true });
    expect(await trust.setTrust('acme', imported, { trusted: true })).toEqual({ trusted: true, autoApproveReadOnly: true });
  });
});
