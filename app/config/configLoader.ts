// Parses and validates config text into trusted ServerDefinitions, with issues that name a JSON path and a fix.
import type { z } from 'zod';
import type { ConfigIssue } from '../api/views.ts';
import { configFileSchema, remoteEntrySchema, stdioEntrySchema, type OAuthBlock, type RawConfig } from './configSchema.ts';
import type { OAuthSettings, ServerDefinition } from './serverDefinition.ts';

export interface LoadedConfig {
  definitions: ServerDefinition[];
  issues: ConfigIssue[];
  /** The file as a whole cannot be used (unparseable JSON, wrong top-level shape). */
  fileError?: string;
  /** The parsed file, unknown fields included; `{}` when the file is missing or unusable. */
  raw: RawConfig;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `mcpServers.github.args[1]`; names that are not identifiers are quoted: `mcpServers["my server"]`. */
export function jsonPath(base: string, segments: readonly PropertyKey[]): string {
  let out = base;
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (identifier.test(String(s))) out += out ? `.${String(s)}` : String(s);
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}

function issuesOf(error: z.ZodError, base: string): ConfigIssue[] {
  return error.issues.map((issue) => ({ path: jsonPath(base, issue.path), message: issue.message }));
}

/** Validates one entry of `mcpServers`. `base` is its JSON path, e.g. `mcpServers.github`. */
export function parseEntry(name: string, value: unknown, base: string): { definition?: ServerDefinition; issues: ConfigIssue[] } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { issues: [{ path: base, message: 'This entry must be an object with a "command" (local server) or a "url" (remote server).' }] };
  }
  const entry = value;
  const hasCommand = 'command' in entry;
  const hasUrl = 'url' in entry;
  if (hasCommand && hasUrl) {
    return { issues: [{ path: base, message: 'This entry has both "command" and "url": keep "command" for a local server or "url" for a remote one.' }] };
  }
  if (!hasCommand && !hasUrl) {
    return { issues: [{ path: base, message: 'This entry needs a "command" (e.g. "npx") for a local server or a "url" for a remote one.' }] };
  }
  const common = (e: { disabled?: boolean | undefined; toolTimeoutSeconds?: number | undefined; disabledTools?: string[] | undefined }) => ({
    name,
    disabled: e.disabled ?? false,
    disabledTools: e.disabledTools ?? [],
    ...(e.toolTimeoutSeconds !== undefined ? { toolTimeoutSeconds: e.toolTimeoutSeconds } : {}),
  });
  if (hasCommand) {
    const parsed = stdioEntrySchema.safeParse(entry);
    if (!parsed.success) return { issues: issuesOf(parsed.error, base) };
    const e = parsed.data;
    const sandbox =
      e.sandbox === undefined
        ? undefined
        : e.sandbox === false
          ? (false as const)
          : { readable: e.sandbox.readable ?? [], writable: e.sandbox.writable ?? [], domains: e.sandbox.domains ?? [] };
    const transport = {
      kind: 'stdio' as const,
      command: e.command,
      args: e.args ?? [],
      env: e.env ?? {},
      ...(e.cwd ? { cwd: e.cwd } : {}),
      ...(sandbox !== undefined ? { sandbox } : {}),
      ...(e.protocol ? { protocol: e.protocol } : {}),
    };
    return { definition: { ...common(e), transport }, issues: [] };
  }
  const parsed = remoteEntrySchema.safeParse(entry);
  if (!parsed.success) return { issues: issuesOf(parsed.error, base) };
  const e = parsed.data;
  const kind = e.type === 'sse' ? 'sse' : e.type === undefined ? 'auto' : 'http';
  const oauth = e.oauth ? oauthSettings(e.oauth) : undefined;
  return {
    definition: {
      ...common(e),
      transport: { kind, url: e.url, headers: e.headers ?? {}, ...(oauth ? { oauth } : {}), ...(e.protocol ? { protocol: e.protocol } : {}) },
    },
    issues: [],
  };
}

function oauthSettings(o: OAuthBlock): OAuthSettings {
  return {
    grant: o.grant ?? 'authorization_code',
    ...(o.clientId ? { clientId: o.clientId } : {}),
    ...(o.clientSecretRef ? { clientSecretRef: o.clientSecretRef } : {}),
    ...(o.scopes ? { scopes: o.scopes } : {}),
    ...(o.tokenEndpointAuthMethod ? { tokenEndpointAuthMethod: o.tokenEndpointAuthMethod } : {}),
    ...(o.clientMetadataUrl ? { clientMetadataUrl: o.clientMetadataUrl } : {}),
    ...(o.dpop ? { dpop: true } : {}),
  };
}

/** `Unexpected token } in JSON at position 42` → `line 3, column 5: Unexpected token }`. */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /at position (\d+)/.exec(message) ?? (/end of JSON input/.test(message) ? ['', String(text.length)] : null);
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  const clean = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  if (match) {
    const pos = Number(match[1]);
    const before = text.slice(0, pos).split('\n');
    return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}: ${clean}`;
  }
  if (lineCol) return `line ${lineCol[1]}, column ${lineCol[2]}: ${clean}`;
  return clean;
}

/** Parses JSON text; `{ error }` carries a line/column message for a person. */
export function parseJson(text: string): { value: unknown } | { error: string } {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { value: {} };
  try {
    return { value: JSON.parse(body) };
  } catch (error) {
    return { error: describeJsonError(body, error) };
  }
}

/** Validates a parsed file. One bad entry is skipped with issues; the others still load. */
export function loadConfigValue(value: unknown): LoadedConfig {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { definitions: [], issues: [], raw: {}, fileError: 'The config must be a JSON object like { "mcpServers": { ... } }.' };
  }
  const file = configFileSchema.safeParse(value);
  if (!file.success) {
    return { definitions: [], issues: [], raw: {}, fileError: file.error.issues[0]?.message ?? 'The config has the wrong shape.' };
  }
  const raw: RawConfig = file.data;
  const definitions: ServerDefinition[] = [];
  const issues: ConfigIssue[] = [];
  for (const [name, entry] of Object.entries(file.data.mcpServers ?? {})) {
    const base = jsonPath('mcpServers', [name]);
    if (name.trim() === '') {
      issues.push({ path: base, message: 'A server has an empty name: give it a name, e.g. "github".' });
      continue;
    }
    const result = parseEntry(name, entry, base);
    issues.push(...result.issues);
    if (result.definition) definitions.push(result.definition);
  }
  return { definitions, issues, raw };
}

/** Parses and validates config text. Invalid JSON gives `fileError` with line and column. */
export function loadConfigText(text: string): LoadedConfig {
  const parsed = parseJson(text);
  if ('error' in parsed) return { definitions: [], issues: [], raw: {}, fileError: `The config is not valid JSON (${parsed.error}).` };
  return loadConfigValue(parsed.value);
}
