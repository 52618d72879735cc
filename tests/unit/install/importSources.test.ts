// Other apps' MCP files planted in a temp home: found per OS, read with comments, inputs and envFile.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configLocations } from '../../../app/install/configLocations.ts';
import { discoverSources, pickEntries } from '../../../app/install/importSources.ts';
import type { PlaceSecret } from '../../../app/secrets/index.ts';
import { useTempDirs } from '../../support/tempDir.ts';

const tempDir = useTempDirs();

async function plant(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

const vscodeJsonc = `{
  // Ask for the key once.
  "inputs": [
    { "type": "promptString", "id": "github-token", "description": "GitHub personal access token", "password": true },
  ],
  "servers": {
    "github": {
      "type": "stdio",
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "\${input:github-token}" },
    },
    /* a remote one */
    "docs": { "type": "http", "url": "https://docs.example.com/mcp" },
    "local": { "command": "node", "args": ["\${workspaceFolder}/server.js"], "envFile": "\${workspaceFolder}/.env" },
  },
}`;

describe('configLocations', () => {
  it('knows where each app keeps its file on macOS, Windows and Linux', () => {
    const mac = configLocations({ home: '/Users/ada', platform: 'darwin' }).map((l) => l.path);
    expect(mac).toContain('/Users/ada/Library/Application Support/Claude/claude_desktop_config.json');
    expect(mac).toContain('/Users/ada/Library/Application Support/Code/User/mcp.json');
    const win = configLocations({ home: 'C:\\Users\\ada', platform: 'win32' }).map((l) => l.path);
    expect(win).toContain('C:\\Users\\ada\\AppData\\Roaming\\Claude\\claude_desktop_config.json');
    expect(win).toContain('C:\\Users\\ada\\.cursor\\mcp.json');
    const linux = configLocations({ home: '/home/ada', platform: 'linux', workspaces: ['/work/proj'] }).map((l) => l.path);
    expect(linux).toEqual(
      expect.arrayContaining([
        '/home/ada/.config/Claude/claude_desktop_config.json',
        '/home/ada/.codeium/windsurf/mcp_config.json',
        '/home/ada/.claude.json',
        '/work/proj/.vscode/mcp.json',
        '/work/proj/.cursor/mcp.json',
        '/work/proj/.mcp.json',
      ]),
    );
  });
});

describe('discoverSources', () => {
  it('lists every app file planted in the home folder with its servers, and skips files with none', async () => {
    const home = await tempDir();
    await plant(
      path.join(home, '.config/Claude/claude_desktop_config.json'),
      JSON.stringify({ mcpServers: { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] } } }),
    );
    await plant(path.join(home, '.cursor/mcp.json'), JSON.stringify({ mcpServers: { linear: { url: 'https://mcp.linear.app/sse' } } }));
    await plant(path.join(home, '.codeium/windsurf/mcp_config.json'), JSON.stringify({ mcpServers: { remote: { serverUrl: 'https://w.example.com/mcp' } } }));
    await plant(
      path.join(home, '.claude.json'),
      JSON.stringify({
        mcpServers: { top: { command: 'uvx', args: ['mcp-server-fetch'] } },
        projects: { '/p': { mcpServers: { proj: { type: 'stdio', command: 'node', args: ['x.js'] } } } },
      }),
    );
    await plant(path.join(home, '.config/Code/User/mcp.json'), '{ "servers": {} }');

    const sources = await discoverSources({ home, platform: 'linux' }, new Set(['memory']));
    expect(sources.map((s) => [s.app, s.servers.map((v) => v.name)])).toEqual([
      ['claude-desktop', ['memory']],
      ['cursor', ['linear']],
      ['windsurf', ['remote']],
      ['claude-code', ['top', 'proj']],
    ]);
    expect(sources[0]!.servers[0]).toMatchObject({ exists: true, transport: 'stdio', launch: { commandLine: 'npx -y @modelcontextprotocol/server-memory' } });
    expect(sources[2]!.servers[0]).toMatchObject({ transport: 'auto', launch: { commandLine: 'https://w.example.com/mcp' } });
  });

  it('reads VS Code JSONC (comments, trailing commas) with its inputs, and reports a broken file instead of skipping it', async () => {
    const home = await tempDir();
    const workspace = path.join(home, 'proj');
    await plant(path.join(workspace, '.vscode/mcp.json'), vscodeJsonc);
    await plant(path.join(home, '.cursor/mcp.json'), '{ "mcpServers": { "a": ');
    const sources = await discoverSources({ home, platform: 'linux', workspaces: [workspace] }, new Set());
    const cursor = sources.find((s) => s.app === 'cursor')!;
    expect(cursor.error).toMatch(/^This file is not valid JSON \(line 1, column \d+: /);
    const vscode = sources.find((s) => s.app === 'vscode')!;
    expect(vscode.label).toBe('VS Code (proj)');
    expect(vscode.inputs).toEqual([{ id: 'github-token', description: 'GitHub personal access token', password: true }]);
    expect(vscode.servers.map((s) => [s.name, s.transport, s.inputs])).toEqual([
      ['github', 'stdio', ['github-token']],
      ['docs', 'http', []],
      ['local', 'stdio', []],
    ]);
    expect(vscode.servers[0]!.launch?.env).toEqual([{ name: 'GITHUB_PERSONAL_ACCESS_TOKEN', secret: true, flagged: false }]);
    expect(vscode.servers[2]!.launch?.commandLine).toBe(`node ${workspace}/server.js`);
  });
});

describe('pickEntries', () => {
  it('fills ${input:…} answers through the secret placement, merges envFile, and refuses entries with unanswered inputs', async () => {
    const home = await tempDir();
    const workspace = path.join(home, 'proj');
    const file = path.join(workspace, '.vscode/mcp.json');
    await plant(file, vscodeJsonc);
    await plant(path.join(workspace, '.env'), '# comment\nexport API_URL="http://127.0.0.1:9"\nMODE=dev # trailing\n');
    const placed: string[] = [];
    const place: PlaceSecret = async (p) => {
      placed.push(`${p.server}.${p.field}.${p.key}`);
      return p.value;
    };
    const options = { home, platform: 'linux' as const, workspaces: [workspace] };

    const without = await pickEntries(options, file, ['github'], {}, place);
    expect(without).toMatchObject({ entries: [], issues: [{ path: 'github', message: 'Fill in "github-token" first: "github" needs it.' }] });

    const picked = await pickEntries(options, file, ['github', 'local'], { 'github-token': 'ghp_secret' }, place);
    if ('error' in picked) throw new Error(picked.error);
    expect(picked.entries[0]!.entry).toEqual({
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-github'],
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_secret' },
    });
    expect(picked.entries[1]!.entry).toEqual({ command: 'node', args: [`${workspace}/server.js`], env: { API_URL: 'http://127.0.0.1:9', MODE: 'dev' } });
    // Only the value the file marks secret (a password input) is placed as one; API_URL and MODE stay visible.
    expect(placed).toEqual(['github.env.GITHUB_PERSONAL_ACCESS_TOKEN']);
  });

  it('reads only the files it looks at: another path is refused', async () => {
    const home = await tempDir();
    const elsewhere = path.join(home, 'secret.json');
    await plant(elsewhere, JSON.stringify({ mcpServers: { x: { command: 'node' } } }));
    const out = await pickEntries({ home, platform: 'linux' }, elsewhere, ['x'], {}, async (p) => p.value);
    expect(out).toEqual({ error: "That file is not one of the other apps' files Switchboard looks at." });
  });
});
