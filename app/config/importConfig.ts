// Reads pasted JSON from the settings pane: a whole config, named entries, or one bare entry.
import type { ConfigIssue } from '../api/views.ts';
import { jsonPath, parseEntry } from './configLoader.ts';
import { parseLenientJson } from './lenientJson.ts';
import type { ServerDefinition } from './serverDefinition.ts';

export interface ImportedEntry {
  name: string;
  /** The entry exactly as pasted (unknown fields kept), to store under `mcpServers[name]`. */
  entry: Record<string, unknown>;
  definition: ServerDefinition;
}

export interface ImportParseResult {
  entries: ImportedEntry[];
  issues: ConfigIssue[];
  /** The text as a whole could not be read. */
  error?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

const launchers = new Set(['npx', 'uvx', 'bunx', 'pnpx', 'pipx', 'uv', 'pnpm', 'yarn', 'bun', 'deno', 'docker', 'podman']);

function cleanName(s: string): string {
  return s
    .replace(/^@[^/]+\//, '')
    .replace(/@[^@/]*$/, '')
    .replace(/^(mcp-server-|server-|mcp-)/, '')
    .replace(/(-mcp-server|-server|-mcp)$/, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** A name for a bare entry: the package of `npx -y @scope/server-github` → "github", the host of a URL. */
export function deriveName(entry: Record<string, unknown>): string {
  if (typeof entry.url === 'string') {
    try {
      const labels = new URL(entry.url).hostname.split('.').filter((l) => !['www', 'mcp', 'api'].includes(l));
      return cleanName(labels[0] ?? 'remote') || 'remote';
    } catch {
      return 'remote';
    }
  }
  const command = typeof entry.command === 'string' ? entry.command : '';
  const args = Array.isArray(entry.args) ? entry.args.filter((a): a is string => typeof a === 'string') : [];
  const base =
    command
      .split(/[\\/]/)
      .pop()
      ?.replace(/\.(exe|cmd|bat)$/i, '') ?? '';
  let candidate = base;
  if (launchers.has(base) || base === 'node' || base === 'python' || base === 'python3') {
    const skip = new Set(['run', 'dlx', 'exec', 'x', '-m', 'mcp']);
    const positional = args.filter((a) => !a.startsWith('-') && !skip.has(a));
    const pick = launchers.has(base)
      ? positional[0]
      : positional[0]
          ?.split(/[\\/]/)
          .pop()
          ?.replace(/\.[cm]?[jt]s$|\.py$/, '');
    candidate = pick ?? base;
  }
  return cleanName(candidate) || 'server';
}

/**
 * Another app's entry in our shape: Windsurf's `serverUrl` is our `url`; VS Code's `"type": "stdio"` is the default.
 * Unknown fields are kept.
 */
export function normalizeEntry(raw: Record<string, unknown>): Record<string, unknown> {
  const entry = { ...raw };
  if (typeof entry.serverUrl === 'string' && entry.url === undefined) {
    entry.url = entry.serverUrl;
    delete entry.serverUrl;
  }
  if (entry.type === 'stdio' && 'command' in entry) delete entry.type;
  return entry;
}

function uniqueName(name: string, taken: Set<string>): string {
  let out = name;
  for (let i = 2; taken.has(out); i++) out = `${name}-${i}`;
  taken.add(out);
  return out;
}

/**
 * Accepts `{ "mcpServers": {...} }` (e.g. a Claude Desktop file), VS Code's `{ "servers": {...} }`, `{ "name": { "command": ... } }`,
 * a bare `{ "command": ... }` / `{ "url": ... }`, or a `"name": { ... }` fragment copied without braces.
 * Comments and trailing commas are fine (VS Code files have them).
 */
export function parseImport(text: string): ImportParseResult {
  let parsed = parseLenientJson(text);
  if ('error' in parsed) {
    const wrapped = parseLenientJson(`{${text.trim().replace(/,$/, '')}}`);
    if ('error' in wrapped) return { entries: [], issues: [], error: `That is not valid JSON (${parsed.error}).` };
    parsed = wrapped;
  }
  const value = parsed.value;
  if (!isObject(value))
    return {
      entries: [],
      issues: [],
      error: 'Paste a JSON object, e.g. { "mcpServers": { "memory": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"] } } }.',
    };

  let named: Record<string, unknown>;
  let base: string;
  const listKey = 'mcpServers' in value ? 'mcpServers' : isObject(value.servers) ? 'servers' : undefined;
  if (listKey) {
    const list = value[listKey];
    if (!isObject(list)) return { entries: [], issues: [], error: `\`${listKey}\` must be an object of server names to entries.` };
    named = list;
    base = listKey;
  } else if ('command' in value || 'url' in value || 'serverUrl' in value) {
    named = { [deriveName(normalizeEntry(value))]: value };
    base = '';
  } else {
    named = value;
    base = '';
  }

  const entries: ImportedEntry[] = [];
  const issues: ConfigIssue[] = [];
  const taken = new Set<string>();
  for (const [rawName, entry] of Object.entries(named)) {
    const path = jsonPath(base, [rawName]);
    const normalized = isObject(entry) ? normalizeEntry(entry) : entry;
    const input = /\$\{input:([^}]+)\}/.exec(JSON.stringify(normalized) ?? '');
    if (input) {
      issues.push({
        path,
        message: `This entry asks for \${input:${input[1]}}, which only its own file can answer: use Settings → Import from other apps, or put the value in place of the placeholder.`,
      });
      continue;
    }
    const result = parseEntry(rawName.trim(), normalized, path);
    issues.push(...result.issues);
    if (!result.definition || !isObject(normalized)) continue;
    const name = uniqueName(rawName.trim(), taken);
    entries.push({ name, entry: normalized, definition: { ...result.definition, name } });
  }
  if (entries.length === 0 && issues.length === 0) issues.push({ path: base || '(root)', message: 'No servers found in the pasted JSON.' });
  return { entries, issues };
}
