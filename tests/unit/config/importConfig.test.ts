// Pasting JSON in the settings pane: four shapes, names derived for bare entries.
import { describe, expect, it } from 'vitest';
import { deriveName, parseImport } from '../../../app/config/importConfig.ts';

describe('parseImport', () => {
  it('reads a Claude Desktop file ({ "mcpServers": ... })', () => {
    const result = parseImport(
      JSON.stringify({ mcpServers: { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'], extra: 1 } }, globalShortcut: 'x' }),
    );
    expect(result.issues).toEqual([]);
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]).toMatchObject({
      name: 'memory',
      entry: { extra: 1 },
      definition: { name: 'memory', transport: { kind: 'stdio', command: 'npx' } },
    });
  });

  it('reads VS Code\'s { "servers": ... } shape', () => {
    const result = parseImport(
      JSON.stringify({
        servers: { fetch: { type: 'stdio', command: 'uvx', args: ['mcp-server-fetch'] }, web: { type: 'http', url: 'https://example.com/mcp' } },
      }),
    );
    expect(result.issues).toEqual([]);
    expect(result.entries.map((e) => [e.name, e.definition.transport.kind])).toEqual([
      ['fetch', 'stdio'],
      ['web', 'http'],
    ]);
  });

  it('reads named entries, with or without the outer braces', () => {
    const text = '"github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] }, "docs": { "url": "https://docs.example.com/mcp" }';
    for (const pasted of [`{${text}}`, text]) {
      const result = parseImport(pasted);
      expect(result.entries.map((e) => e.name)).toEqual(['github', 'docs']);
      expect(result.entries[1]!.definition.transport).toEqual({ kind: 'auto', url: 'https://docs.example.com/mcp', headers: {} });
    }
  });

  it('reads a bare entry and derives its name', () => {
    expect(parseImport('{ "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"] }').entries[0]!.name).toBe('filesystem');
    expect(parseImport('{ "url": "https://mcp.linear.app/sse", "type": "sse" }').entries[0]).toMatchObject({
      name: 'linear',
      definition: { transport: { kind: 'sse' } },
    });
  });

  it('reports bad entries with their path and keeps the good ones', () => {
    const result = parseImport('{ "good": { "command": "node" }, "bad": { "command": 5 } }');
    expect(result.entries.map((e) => e.name)).toEqual(['good']);
    expect(result.issues).toEqual([{ path: 'bad.command', message: '`command` must be the program to run in quotes, e.g. "npx".' }]);
  });

  it('reads comments and trailing commas, and refuses entries with ${input:…} placeholders it cannot answer', () => {
    const text =
      '{\n  // VS Code\n  "servers": {\n    "gh": { "command": "npx", "env": { "TOKEN": "${input:token}" }, },\n    "ok": { "command": "node", },\n  },\n}';
    const result = parseImport(text);
    expect(result.entries.map((e) => e.name)).toEqual(['ok']);
    expect(result.issues).toEqual([{ path: 'servers.gh', message: expect.stringContaining('${input:token}') }]);
  });

  it('explains text that is not JSON or has no servers', () => {
    expect(parseImport('not json at all').error).toMatch(/^That is not valid JSON/);
    expect(parseImport('[]').error).toContain('Paste a JSON object');
    expect(parseImport('{}').issues[0]!.message).toBe('No servers found in the pasted JSON.');
  });
});

describe('deriveName', () => {
  it.each([
    [{ command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] }, 'github'],
    [{ command: 'uvx', args: ['mcp-server-fetch'] }, 'fetch'],
    [{ command: 'npx', args: ['-y', 'brave-search-mcp@1.2.0'] }, 'brave-search'],
    [{ command: 'node', args: ['/srv/tools/weather.js'] }, 'weather'],
    [{ command: '/usr/local/bin/sqlite-mcp' }, 'sqlite'],
    [{ url: 'https://api.example.com/mcp' }, 'example'],
  ])('%j → %s', (entry, name) => {
    expect(deriveName(entry)).toBe(name);
  });
});
