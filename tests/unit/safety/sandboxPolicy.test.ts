// The sandbox policy in pieces: the entry's `sandbox` field as config reads it, the presets for common
// servers, the policy resolved for one launch, and refusals turned into words.
import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../app/config/configLoader.ts';
import type { ServerTransportDefinition } from '../../../app/config/serverDefinition.ts';
import { describePolicy, resolvePolicy } from '../../../app/safety/sandboxPolicy.ts';
import { blockFromLibrary, blockFromStderr } from '../../../app/servers/sandboxBlocks.ts';

type Stdio = Extract<ServerTransportDefinition, { kind: 'stdio' }>;
const stdio = (command: string, args: string[], extra: Partial<Stdio> = {}): Stdio => ({ kind: 'stdio', command, args, env: {}, ...extra });
const place = {
  home: '/home/me',
  dataDir: '/home/me/.config/Switchboard',
  serverDir: '/home/me/.config/Switchboard/servers/x',
  tempDir: '/home/me/.config/Switchboard/servers/x/tmp',
  roots: ['/home/me/project'],
};

describe('the sandbox field in config', () => {
  it('reads false, an object with defaults for missing lists, and names a wrong value with its JSON path', () => {
    expect(parseEntry('a', { command: 'node', sandbox: false }, 'mcpServers.a').definition?.transport).toMatchObject({ sandbox: false });
    expect(parseEntry('a', { command: 'node', sandbox: { writable: ['~/notes'] } }, 'mcpServers.a').definition?.transport).toMatchObject({
      sandbox: { readable: [], writable: ['~/notes'], domains: [] },
    });
    expect(parseEntry('a', { command: 'node' }, 'mcpServers.a').definition?.transport).not.toHaveProperty('sandbox');
    expect(parseEntry('a', { command: 'node', sandbox: true }, 'mcpServers.a').issues[0]).toMatchObject({
      path: 'mcpServers.a.sandbox',
      message: expect.stringContaining('`sandbox` must be false'),
    });
    expect(parseEntry('a', { command: 'node', sandbox: { domains: 'github.com' } }, 'mcpServers.a').issues[0]).toMatchObject({
      path: 'mcpServers.a.sandbox',
      message: '`sandbox.domains` must be a list of host names, e.g. ["api.github.com"].',
    });
  });
});

describe('the policy of one launch', () => {
  it('hides secrets and the data folder but not the server’s own folder; writes its folder, temp, roots', () => {
    const p = resolvePolicy(stdio('node', ['server.js']), undefined, place);
    expect(p.denyRead).toEqual(
      expect.arrayContaining(['/home/me/.ssh', '/home/me/.aws', '/home/me/.docker/config.json', '/home/me/.bash_history', '/home/me/.config/Switchboard']),
    );
    expect(p.allowRead).toContain(place.serverDir);
    expect(p.allowWrite).toEqual([place.serverDir, place.tempDir, '/home/me/project']);
    expect(p.domains).toEqual([]);
    expect(p.env).toMatchObject({ TMPDIR: place.tempDir });
  });

  it('gives the filesystem server its folder arguments, npx its registry and cache, and adds the entry’s own widening', () => {
    const fs = resolvePolicy(
      stdio('npx', ['-y', '@modelcontextprotocol/server-filesystem', '/home/me/notes', '~/docs']),
      { readable: ['~/.aws'], writable: [], domains: ['api.github.com'] },
      place,
    );
    expect(fs.allowWrite).toEqual(expect.arrayContaining(['/home/me/notes', '/home/me/docs']));
    expect(fs.allowRead).toContain('/home/me/.aws');
    expect(fs.domains).toEqual(['registry.npmjs.org', 'api.github.com']);
    expect(fs.env).toMatchObject({ npm_config_cache: '/home/me/.config/Switchboard/servers/x/npm-cache' });
    const mirror = resolvePolicy(stdio('npx', ['-y', 'pkg'], { env: { NPM_CONFIG_REGISTRY: 'https://npm.corp.example:8443/' } }), undefined, place);
    expect(mirror.domains).toEqual(['npm.corp.example:8443']);
    expect(resolvePolicy(stdio('uvx', ['mcp-server-fetch']), undefined, place).domains).toEqual(['pypi.org', 'files.pythonhosted.org']);
  });

  it('says the policy in words, and says plainly when there is none', () => {
    expect(describePolicy(stdio('node', ['s.js'], { sandbox: { readable: [], writable: ['~/notes'], domains: ['api.github.com'] } }))).toEqual(
      expect.arrayContaining(['network: none', 'also writes: ~/notes', 'connects to: api.github.com']),
    );
    expect(describePolicy(stdio('node', ['s.js'], { sandbox: false }))).toEqual([
      'not sandboxed: it runs with your full rights (reads, writes and connects anywhere)',
    ]);
  });
});

describe('refusals in words', () => {
  const policy = resolvePolicy(stdio('node', ['s.js']), undefined, place);
  it('reads Node and Python errors for a hidden file, a read-only write and a refused connection', () => {
    expect(blockFromStderr("Error: ENOENT: no such file or directory, open '/home/me/.ssh/id_rsa'", policy, '/home/me')).toEqual({
      text: 'blocked reading ~/.ssh/id_rsa',
      allow: { kind: 'read', value: '~/.ssh/id_rsa' },
    });
    expect(blockFromStderr("PermissionError: [Errno 13] Permission denied: '/home/me/.aws/credentials'", policy, '/home/me')?.text).toBe(
      'blocked reading ~/.aws/credentials',
    );
    expect(blockFromStderr("Error: EROFS: read-only file system, open '/etc/hosts'", policy, '/home/me')).toEqual({
      text: 'blocked writing /etc/hosts',
      allow: { kind: 'write', value: '/etc' },
    });
    expect(blockFromStderr('connect ECONNREFUSED 127.0.0.1:5432', policy, '/home/me')).toEqual({
      text: 'blocked connecting to 127.0.0.1:5432',
      allow: { kind: 'domain', value: '127.0.0.1:5432' },
    });
    expect(blockFromStderr('getaddrinfo EAI_AGAIN api.example.com', policy, '/home/me')?.text).toBe('blocked connecting to api.example.com');
  });

  it('ignores a missing file that the policy does not hide, and a write it allows', () => {
    expect(blockFromStderr("ENOENT: no such file or directory, open '/home/me/project/missing.txt'", policy, '/home/me')).toBeUndefined();
    expect(blockFromLibrary('deny openat /home/me/project/out.txt', policy, '/home/me')).toBeUndefined();
  });

  it('reads the library’s write and network lines', () => {
    expect(blockFromLibrary('deny openat /home/me/.bashrc', policy, '/home/me')?.text).toBe('blocked writing ~/.bashrc');
    expect(blockFromLibrary('deny network-outbound evil.example:443 (not allowed)', policy, '/home/me')?.text).toBe('blocked connecting to evil.example:443');
  });
});
