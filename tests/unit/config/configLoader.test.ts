// Parsing and validating config text: JSON paths in errors, one bad entry never blocks the rest.
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../app/config/configLoader.ts';
import { connectionHash } from '../../../app/config/serverDefinition.ts';

describe('loadConfigText', () => {
  it('reads stdio and remote entries into definitions', () => {
    const loaded = loadConfigText(
      JSON.stringify({
        mcpServers: {
          github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { TOKEN: 't' }, cwd: '/tmp' },
          remote: { url: 'https://example.com/mcp', headers: { Authorization: 'Bearer x' }, toolTimeoutSeconds: 120, disabledTools: ['rm'] },
          legacy: { url: 'https://example.com/sse', type: 'sse', disabled: true },
          http: { url: 'https://example.com/mcp', type: 'streamable-http' },
        },
      }),
    );
    expect(loaded.issues).toEqual([]);
    expect(loaded.fileError).toBeUndefined();
    expect(loaded.definitions).toEqual([
      {
        name: 'github',
        transport: { kind: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { TOKEN: 't' }, cwd: '/tmp' },
        disabled: false,
        disabledTools: [],
      },
      {
        name: 'remote',
        transport: { kind: 'auto', url: 'https://example.com/mcp', headers: { Authorization: 'Bearer x' } },
        disabled: false,
        disabledTools: ['rm'],
        toolTimeoutSeconds: 120,
      },
      { name: 'legacy', transport: { kind: 'sse', url: 'https://example.com/sse', headers: {} }, disabled: true, disabledTools: [] },
      { name: 'http', transport: { kind: 'http', url: 'https://example.com/mcp', headers: {} }, disabled: false, disabledTools: [] },
    ]);
  });

  it('skips a bad entry with issues that name the JSON path and the fix, and keeps the good ones', () => {
    const loaded = loadConfigText(
      JSON.stringify({
        mcpServers: {
          good: { command: 'node', args: ['server.js'] },
          github: { command: 'npx', args: ['-y', 42] },
          'my server': { command: 'x', env: { PORT: 8080 } },
          neither: { foo: 1 },
          both: { command: 'x', url: 'https://a.b' },
          badUrl: { url: 'ftp://example.com' },
          badTimeout: { command: 'x', toolTimeoutSeconds: -1 },
          notObject: 'npx server',
        },
      }),
    );
    expect(loaded.definitions.map((d) => d.name)).toEqual(['good']);
    expect(loaded.issues).toEqual([
      { path: 'mcpServers.github.args[1]', message: 'Each argument must be a string in quotes, e.g. "-y".' },
      { path: 'mcpServers["my server"].env.PORT', message: 'Environment values must be strings in quotes, e.g. "1" not 1.' },
      { path: 'mcpServers.neither', message: 'This entry needs a "command" (e.g. "npx") for a local server or a "url" for a remote one.' },
      { path: 'mcpServers.both', message: expect.stringContaining('has both "command" and "url"') },
      { path: 'mcpServers.badUrl.url', message: '`url` must be a full http(s) URL, e.g. "https://example.com/mcp".' },
      { path: 'mcpServers.badTimeout.toolTimeoutSeconds', message: '`toolTimeoutSeconds` must be more than 0, e.g. 120.' },
      { path: 'mcpServers.notObject', message: expect.stringContaining('must be an object') },
    ]);
  });

  it('reads the protocol era an entry asks for, restarts on a change of it, and names the choices when it is wrong', () => {
    const loaded = loadConfigText(
      JSON.stringify({
        mcpServers: {
          local: { command: 'node', args: ['s.js'], protocol: 'auto' },
          remote: { url: 'https://example.com/mcp', protocol: '2025-11-25' },
          wrong: { url: 'https://example.com/mcp', protocol: '2026' },
        },
      }),
    );
    expect(loaded.definitions.map((d) => [d.name, d.transport.protocol])).toEqual([
      ['local', 'auto'],
      ['remote', '2025-11-25'],
    ]);
    expect(loaded.issues).toEqual([
      { path: 'mcpServers.wrong.protocol', message: '`protocol` must be "auto" (ask the server), "2026-07-28" or "2025-11-25".' },
    ]);
    const remote = loaded.definitions[1]!;
    expect(connectionHash({ ...remote, transport: { ...remote.transport, protocol: '2026-07-28' } })).not.toBe(connectionHash(remote));
  });

  it('says that args must be a list when it is not', () => {
    const loaded = loadConfigText('{"mcpServers":{"github":{"command":"npx","args":"-y pkg"}}}');
    expect(loaded.issues).toEqual([{ path: 'mcpServers.github.args', message: '`args` must be a list of strings, e.g. ["-y", "pkg"].' }]);
  });

  it('gives a file error with line and column for invalid JSON', () => {
    const loaded = loadConfigText('{\n  "mcpServers": {\n    "a": { "command": "x" },\n  }\n}');
    expect(loaded.fileError).toMatch(/^The config is not valid JSON \(line 4, column 3: .+\)\.$/);
    expect(loaded.definitions).toEqual([]);
  });

  it('treats an empty file or one without mcpServers as no servers', () => {
    expect(loadConfigText('')).toEqual({ definitions: [], issues: [], raw: {} });
    expect(loadConfigText('{"theme":"dark"}')).toEqual({ definitions: [], issues: [], raw: { theme: 'dark' } });
  });

  it('rejects a wrong top-level shape as a file error', () => {
    expect(loadConfigText('[1,2]').fileError).toContain('JSON object');
    expect(loadConfigText('{"mcpServers":[]}').fileError).toContain('`mcpServers` must be an object');
  });
});

describe('connectionHash', () => {
  const base = { name: 'a', transport: { kind: 'stdio' as const, command: 'node', args: ['x'], env: { A: '1', B: '2' } }, disabled: false, disabledTools: [] };

  it('ignores tool toggles, timeouts, disabled and key order', () => {
    const same = { ...base, disabled: true, toolTimeoutSeconds: 9, disabledTools: ['x'], transport: { ...base.transport, env: { B: '2', A: '1' } } };
    expect(connectionHash(same)).toBe(connectionHash(base));
  });

  it('changes with anything the process is started with', () => {
    expect(connectionHash({ ...base, transport: { ...base.transport, args: ['y'] } })).not.toBe(connectionHash(base));
    expect(connectionHash({ ...base, transport: { ...base.transport, env: { A: '2', B: '2' } } })).not.toBe(connectionHash(base));
  });
});
