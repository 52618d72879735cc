// Where other apps keep their MCP server lists, per OS. Home, platform and workspaces are parameters.
import path from 'node:path';
import type { ForeignApp } from '../api/installViews.ts';

export interface ConfigLocation {
  app: ForeignApp;
  label: string;
  path: string;
  /** The workspace folder, for project files: `${workspaceFolder}` in VS Code files resolves to it. */
  workspace?: string;
}

export interface LocationOptions {
  home: string;
  platform: NodeJS.Platform;
  /** `%APPDATA%` on Windows; defaults to <home>/AppData/Roaming. */
  appData?: string;
  /** Project folders whose own files (.vscode/mcp.json, .cursor/mcp.json, .mcp.json) are looked at. */
  workspaces?: string[];
}

/** The per-user settings folder of desktop apps: ~/Library/Application Support, %APPDATA%, ~/.config. */
function appSupport(o: LocationOptions): string {
  const p = o.platform === 'win32' ? path.win32 : path.posix;
  if (o.platform === 'darwin') return p.join(o.home, 'Library', 'Application Support');
  if (o.platform === 'win32') return o.appData ?? p.join(o.home, 'AppData', 'Roaming');
  return p.join(o.home, '.config');
}

export function configLocations(o: LocationOptions): ConfigLocation[] {
  const p = o.platform === 'win32' ? path.win32 : path.posix;
  const support = appSupport(o);
  const out: ConfigLocation[] = [
    { app: 'claude-desktop', label: 'Claude Desktop', path: p.join(support, 'Claude', 'claude_desktop_config.json') },
    { app: 'vscode', label: 'VS Code', path: p.join(support, 'Code', 'User', 'mcp.json') },
    { app: 'cursor', label: 'Cursor', path: p.join(o.home, '.cursor', 'mcp.json') },
    { app: 'windsurf', label: 'Windsurf', path: p.join(o.home, '.codeium', 'windsurf', 'mcp_config.json') },
    { app: 'claude-code', label: 'Claude Code', path: p.join(o.home, '.claude.json') },
  ];
  for (const workspace of o.workspaces ?? []) {
    const name = p.basename(workspace);
    out.push(
      { app: 'vscode', label: `VS Code (${name})`, path: p.join(workspace, '.vscode', 'mcp.json'), workspace },
      { app: 'cursor', label: `Cursor (${name})`, path: p.join(workspace, '.cursor', 'mcp.json'), workspace },
      { app: 'claude-code', label: `Claude Code (${name})`, path: p.join(workspace, '.mcp.json'), workspace },
    );
  }
  return out;
}
