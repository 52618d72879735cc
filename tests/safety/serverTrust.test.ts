import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCommandLine, shellQuote } from '../../app/safety/launchCommand.ts';
import { ServerTrustStore } from '../../app/safety/serverTrust.ts';
import { useTempDirs } from './tempDir.ts';

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

describe('launch approval', () => {
  it('does not approve an imported stdio server until the person approves its command line', async () => {
    const trust = await store();
    expect(trust.launchApproval('acme', imported)).toEqual({
      approved: false,
      status: 'never-approved',
      commandLine: "npx -y @acme/mcp-server --root '/home/me/My Documents'",
      envKeys: ['ACME_TOKEN'],
    });
    await trust.approveLaunch('acme', imported);
    expect(trust.launchApproval('acme', imported)).toMatchObject({ approved: true, status: 'approved' });
  });

  it('approves what the person typed into the form themselves', async () => {
    const trust = await store();
    await trust.markFromForm('acme', imported);
    expect(trust.launchApproval('acme', imported)).toMatchObject({ approved: true, status: 'from-form' });
  });

  it('asks again when an env value changes, and shows the command line approved before', async () => {
    const trust = await store();
    await trust.approveLaunch('acme', imported);
    const changed = trust.launchApproval('acme', { ...imported, env: { ACME_TOKEN: 'tok_0987654321' } });
    expect(changed).toMatchObject({ approved: false, status: 'changed', previousCommandLine: formatCommandLine(imported) });
    expect(JSON.stringify(changed)).not.toContain('tok_');
  });

  it('asks again when the command, args, env keys or cwd change', async () => {
    const trust = await store();
    await trust.approveLaunch('acme', imported);
    for (const def of [
      { ...imported, command: 'bash' },
      { ...imported, args: [...imported.args, '--allow-write'] },
      { ...imported, env: { ...imported.env, EXTRA: 'x' } },
      { ...imported, cwd: '/tmp' },
    ]) {
      expect(trust.launchApproval('acme', def).approved).toBe(false);
    }
  });

  it('remembers approvals across a reload and forgets them on request', async () => {
    const dataDir = await tempDir();
    await (await store(dataDir)).approveLaunch('acme', imported);
    const reloaded = await store(dataDir);
    expect(reloaded.launchApproval('acme', imported).approved).toBe(true);
    await reloaded.forget('acme');
    expect((await store(dataDir)).launchApproval('acme', imported).approved).toBe(false);
  });

  it('keeps approval and trust when a server is renamed', async () => {
    const trust = await store();
    await trust.approveLaunch('acme', imported);
    await trust.setTrust('acme', imported, { trusted: true });
    await trust.rename('acme', 'acme2');
    expect(trust.launchApproval('acme2', imported).approved).toBe(true);
    expect(trust.trustFor('acme2', imported).trusted).toBe(true);
    expect(trust.launchApproval('acme', imported).approved).toBe(false);
  });

  it('needs no launch approval for a remote server', async () => {
    const trust = await store();
    expect(trust.launchApproval('web', { kind: 'http', url: 'https://example.com/mcp', headers: {} })).toMatchObject({
      approved: true,
      status: 'remote',
      commandLine: 'https://example.com/mcp',
    });
  });

  it('shows a 5,000-character argument in full, quoted, never truncated', async () => {
    const long = `--note=${"it's ".repeat(999)}`;
    expect(long.length).toBeGreaterThanOrEqual(5000);
    const approval = (await store()).launchApproval('acme', { ...imported, args: [long] });
    expect(approval.commandLine).toBe(`npx ${shellQuote(long)}`);
    expect(approval.commandLine.length).toBeGreaterThan(long.length);
    expect(approval.commandLine).toContain(long.replace(/'/g, `'\\''`));
  });

  it('shows env vars that change which code runs with their values', async () => {
    const approval = (await store()).launchApproval('acme', {
      ...imported,
      env: { ...imported.env, NODE_OPTIONS: '--require /tmp/evil.js', LD_PRELOAD: '/tmp/evil.so' },
    });
    expect(approval.commandLine).toBe("LD_PRELOAD=/tmp/evil.so NODE_OPTIONS='--require /tmp/evil.js' npx -y @acme/mcp-server --root '/home/me/My Documents'");
    expect(approval.envKeys).toEqual(['ACME_TOKEN']);
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
