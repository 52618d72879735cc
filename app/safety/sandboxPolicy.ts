// What a sandboxed local server may read, write and reach: the default policy, the presets for common
// servers, and the definition's own `sandbox` widening, resolved to absolute paths for one launch.
import path from 'node:path';
import type { SandboxPolicy, ServerTransportDefinition } from '../config/serverDefinition.ts';

type StdioTransport = Extract<ServerTransportDefinition, { kind: 'stdio' }>;

/**
 * Where secrets live: hidden from every sandboxed server unless its policy names them readable.
 * SSH, cloud and package-manager credentials, keychains, browser profiles, shell histories.
 */
export const SECRET_PLACES: readonly string[] = [
  '~/.ssh',
  '~/.aws',
  '~/.config/gcloud',
  '~/.azure',
  '~/.kube',
  '~/.docker/config.json',
  '~/.npmrc',
  '~/.pypirc',
  '~/.netrc',
  '~/.gnupg',
  '~/.password-store',
  '~/.git-credentials',
  '~/.config/gh',
  '~/.local/share/keyrings',
  '~/Library/Keychains',
  '~/.mozilla',
  '~/.config/google-chrome',
  '~/.config/chromium',
  '~/.config/BraveSoftware',
  '~/.config/microsoft-edge',
  '~/Library/Application Support/Google/Chrome',
  '~/Library/Application Support/Firefox',
  '~/Library/Safari',
  '~/.bash_history',
  '~/.zsh_history',
  '~/.local/share/fish/fish_history',
  '~/.python_history',
  '~/.node_repl_history',
  '~/.psql_history',
  '~/.mysql_history',
  '~/.lesshst',
];

/** Where one launch lives: the person's home, Switchboard's data folder, this server's own folder and its roots. */
export interface SandboxPlace {
  home: string;
  dataDir: string;
  /** `<dataDir>/servers/<name>`: the server's own data, writable. */
  serverDir: string;
  /** The server's temp folder (its TMPDIR), writable. */
  tempDir: string;
  /** The folders the person gave this server (MCP roots), writable. */
  roots: string[];
}

/** A policy resolved for the library: absolute paths only. */
export interface ResolvedPolicy {
  denyRead: string[];
  allowRead: string[];
  allowWrite: string[];
  domains: string[];
  /** Env the sandbox adds so the server keeps its files in its own folder (a package cache, a memory file). */
  env: Record<string, string>;
}

export function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/')) return path.join(home, p.slice(2));
  return p;
}

/** `~/…` for a path under home, so a person reads "~/.ssh/id_rsa" rather than a long absolute path. */
export function shortPath(p: string, home: string): string {
  if (home && (p === home || p.startsWith(home.endsWith('/') ? home : `${home}/`))) return `~${p.slice(home.length)}`;
  return p;
}

const PACKAGE_ARG = /^(?:@[^/\s]+\/)?[^@/\s][^@\s]*(?:@[^\s]+)?$/;

function launcherOf(t: StdioTransport): 'npx' | 'uvx' | undefined {
  const base = path.basename(t.command).replace(/\.(cmd|exe)$/i, '');
  if (base === 'npx' || (base === 'npm' && t.args[0] === 'exec')) return 'npx';
  if (base === 'uvx' || (base === 'uv' && t.args[0] === 'tool')) return 'uvx';
  return undefined;
}

/** The filesystem server's folder arguments (every absolute or `~/` argument after its package or script). */
function filesystemFolders(t: StdioTransport): string[] {
  const at = t.args.findIndex((a) => a.includes('server-filesystem'));
  if (at < 0) return [];
  return t.args.slice(at + 1).filter((a) => a.startsWith('/') || a.startsWith('~/'));
}

/** The host (and port) of the npm registry an entry names in its env, if it names one. */
function registryHost(env: Record<string, string>): string | undefined {
  const key = Object.keys(env).find((k) => k.toLowerCase() === 'npm_config_registry');
  if (key === undefined) return undefined;
  try {
    const url = new URL(env[key] ?? '');
    return url.port ? `${url.hostname}:${url.port}` : url.hostname;
  } catch {
    return undefined;
  }
}

/** What a preset adds for a well-known server or launcher, in words for the approval and as paths, domains and env. */
export interface Preset {
  lines: string[];
  writable: string[];
  domains: string[];
  env: (place: SandboxPlace) => Record<string, string>;
}

export function presetFor(t: StdioTransport): Preset {
  const preset: Preset = { lines: [], writable: [], domains: [], env: () => ({}) };
  const folders = filesystemFolders(t);
  if (folders.length) {
    preset.writable.push(...folders);
    preset.lines.push(`filesystem server: its folders writable (${folders.join(', ')})`);
  }
  const isMemory = t.args.some((a) => a.includes('server-memory'));
  const launcher = launcherOf(t);
  const envs: ((p: SandboxPlace) => Record<string, string>)[] = [];
  if (isMemory && t.env.MEMORY_FILE_PATH === undefined) {
    envs.push((p) => ({ MEMORY_FILE_PATH: path.join(p.serverDir, 'memory.jsonl') }));
    preset.lines.push('memory server: its memory file in its own folder');
  }
  if (launcher === 'npx' && t.args.some((a) => PACKAGE_ARG.test(a) && !a.startsWith('-'))) {
    const registry = registryHost(t.env) ?? 'registry.npmjs.org';
    preset.domains.push(registry);
    envs.push((p) => ({ npm_config_cache: path.join(p.serverDir, 'npm-cache'), npm_config_update_notifier: 'false' }));
    preset.lines.push(`npx: downloads its package from ${registry} into its own folder`);
  }
  if (launcher === 'uvx') {
    preset.domains.push('pypi.org', 'files.pythonhosted.org');
    envs.push((p) => ({ UV_CACHE_DIR: path.join(p.serverDir, 'uv-cache') }));
    preset.lines.push('uvx: downloads its package from pypi.org into its own folder');
  }
  preset.env = (p) => Object.assign({}, ...envs.map((e) => e(p))) as Record<string, string>;
  return preset;
}

/** The policy for one launch: defaults, the preset, then the definition's own widening. */
export function resolvePolicy(t: StdioTransport, own: SandboxPolicy | undefined, place: SandboxPlace): ResolvedPolicy {
  const preset = presetFor(t);
  const abs = (list: readonly string[]) => list.map((p) => expandHome(p, place.home));
  const writable = [place.serverDir, place.tempDir, ...place.roots, ...abs(preset.writable), ...abs(own?.writable ?? [])];
  return {
    // Switchboard's own folder holds every server's secrets, grants and conversations: hidden, but for this server's own.
    denyRead: [...abs(SECRET_PLACES), place.dataDir],
    // Installed bundles run from Switchboard's folder: their code is not a secret.
    allowRead: [place.serverDir, path.join(place.dataDir, 'bundles'), ...abs(own?.readable ?? [])],
    allowWrite: [...new Set(writable)],
    domains: [...new Set([...preset.domains, ...(own?.domains ?? [])])],
    env: { ...preset.env(place), TMPDIR: place.tempDir, TMP: place.tempDir, TEMP: place.tempDir },
  };
}

/** The policy in words, for the approval dialog and the server page. */
export function describePolicy(t: StdioTransport): string[] {
  if (t.sandbox === false) return ['not sandboxed: it runs with your full rights (reads, writes and connects anywhere)'];
  const own = t.sandbox;
  const lines = [
    'reads: everything but where secrets live (SSH, cloud and package credentials, keychains, browser profiles, shell histories, Switchboard’s data)',
    'writes: its own folder, your roots for it, a temp folder',
    'network: none',
    ...presetFor(t).lines,
  ];
  if (own?.readable.length) lines.push(`also reads: ${own.readable.join(', ')}`);
  if (own?.writable.length) lines.push(`also writes: ${own.writable.join(', ')}`);
  if (own?.domains.length) lines.push(`connects to: ${own.domains.join(', ')}`);
  return lines;
}
