// Edits to the raw config JSON made from the settings pane. Fields Switchboard does not know are kept.
import { HostError } from '../api/errors.ts';
import type { ServerEntryInput } from '../api/schemas.ts';
import type { OAuthBlock, RawConfig } from '../config/configSchema.ts';
import { secretBinding, type BindableTransport } from '../secrets/index.ts';
import { parseEntry } from '../config/configLoader.ts';
import type { ServerTransportDefinition } from '../config/serverDefinition.ts';

const TRANSPORT_FIELDS = ['command', 'args', 'env', 'cwd', 'url', 'type', 'headers', 'protocol'];

export interface UpsertEdit {
  previousName?: string | undefined;
  name: string;
  entry: ServerEntryInput;
  disabled?: boolean | undefined;
  toolTimeoutSeconds?: number | undefined;
  /** The sign-in block to write (the form's, with its secret already stored): null removes it, absent keeps it. */
  oauthBlock?: OAuthBlock | null | undefined;
}

function servers(raw: RawConfig): Record<string, unknown> {
  if (!raw.mcpServers || typeof raw.mcpServers !== 'object' || Array.isArray(raw.mcpServers)) raw.mcpServers = {};
  return raw.mcpServers;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
}

/**
 * `{ keep: true }` means "the value I could not see": take it from the stored definition, but only
 * for the same command or URL origin it was entered for. A kept secret is never sent somewhere new.
 */
function resolveSecrets(
  input: Record<string, string | { keep: true } | { value: string; secret: true }>,
  stored: ServerTransportDefinition | undefined,
  target: BindableTransport,
  field: 'env' | 'headers',
): Record<string, string> {
  const values = stored ? (stored.kind === 'stdio' ? (field === 'env' ? stored.env : undefined) : field === 'headers' ? stored.headers : undefined) : undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === 'string') {
      out[key] = value;
    } else if ('secret' in value) {
      out[key] = value.value;
    } else if (values && key in values && stored) {
      const was = secretBinding(stored);
      const now = secretBinding(target);
      if (was !== now) {
        throw new HostError(
          'invalid-params',
          `The stored value of ${key} was entered for ${was}; it is not sent to ${now}. Type the value again if you mean to send it there (a secret stays with the command line or URL origin it was typed for).`,
          [{ path: `entry.${field}.${key}`, message: `Type the value again: the stored one belongs to ${was}.` }],
        );
      }
      out[key] = values[key] as string;
    } else {
      throw new HostError('invalid-params', `There is no stored value for ${key}. Type a value for it.`, [
        { path: `entry.${field}.${key}`, message: 'Type a value: none is stored yet.' },
      ]);
    }
  }
  return out;
}

const OAUTH_FIELDS = ['grant', 'clientId', 'clientSecretRef', 'scopes', 'tokenEndpointAuthMethod', 'clientMetadataUrl', 'dpop'];

/** The fields of a written `oauth` block that the form does not show: they stay as written. */
function unknownOAuthFields(block: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(asRecord(block)).filter(([key]) => !OAUTH_FIELDS.includes(key)));
}

/**
 * Writes the form's entry into the raw config. Kept values (`{ keep: true }`) come from the entry as
 * written in the file (a secret reference stays a reference), never from resolved values.
 */
export function upsertServer(raw: RawConfig, edit: UpsertEdit): void {
  const all = servers(raw);
  const oldName = edit.previousName ?? edit.name;
  if (edit.previousName === undefined && edit.name in all) {
    throw new HostError('conflict', `A server called "${edit.name}" already exists. Pick another name.`, [{ path: 'name', message: 'This name is taken.' }]);
  }
  if (edit.previousName !== undefined && edit.previousName !== edit.name && edit.name in all) {
    throw new HostError('conflict', `A server called "${edit.name}" already exists. Pick another name.`, [{ path: 'name', message: 'This name is taken.' }]);
  }
  if (edit.previousName !== undefined && !(edit.previousName in all)) {
    throw new HostError('not-found', `There is no server called "${edit.previousName}" any more. It may have been removed.`);
  }
  const entry = asRecord(all[oldName]);
  for (const field of TRANSPORT_FIELDS) delete entry[field];
  const previous = edit.previousName !== undefined ? parseEntry(oldName, all[oldName], 'mcpServers').definition : undefined;
  const stored = previous?.transport;
  const e = edit.entry;
  if (e.transport === 'stdio') {
    entry.command = e.command;
    entry.args = e.args;
    const env = resolveSecrets(e.env, stored, { kind: 'stdio', command: e.command, args: e.args }, 'env');
    if (Object.keys(env).length > 0) entry.env = env;
    if (e.cwd?.trim()) entry.cwd = e.cwd.trim();
  } else {
    entry.url = e.url;
    if (e.transport !== 'auto') entry.type = e.transport;
    const headers = resolveSecrets(e.headers, stored, { kind: e.transport, url: e.url }, 'headers');
    if (Object.keys(headers).length > 0) entry.headers = headers;
    if (edit.oauthBlock === null) delete entry.oauth;
    else if (edit.oauthBlock) entry.oauth = { ...unknownOAuthFields(entry.oauth), ...edit.oauthBlock };
  }
  if (e.protocol) entry.protocol = e.protocol;
  if (edit.disabled !== undefined) {
    if (edit.disabled) entry.disabled = true;
    else delete entry.disabled;
  }
  if (edit.toolTimeoutSeconds !== undefined) entry.toolTimeoutSeconds = edit.toolTimeoutSeconds;

  if (oldName !== edit.name) {
    // Keep the server's place in the file when renaming.
    const renamed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(all)) renamed[key === oldName ? edit.name : key] = key === oldName ? entry : value;
    raw.mcpServers = renamed;
  } else {
    all[edit.name] = entry;
  }
}

export function removeServer(raw: RawConfig, name: string): void {
  const all = servers(raw);
  if (!(name in all)) throw new HostError('not-found', `There is no server called "${name}".`);
  delete all[name];
}

export function setServerDisabled(raw: RawConfig, name: string, disabled: boolean): void {
  const all = servers(raw);
  if (!(name in all)) throw new HostError('not-found', `There is no server called "${name}".`);
  const entry = asRecord(all[name]);
  if (disabled) entry.disabled = true;
  else delete entry.disabled;
  all[name] = entry;
}

export function setToolEnabled(raw: RawConfig, name: string, tool: string, enabled: boolean): void {
  const all = servers(raw);
  if (!(name in all)) throw new HostError('not-found', `There is no server called "${name}".`);
  const entry = asRecord(all[name]);
  const current = Array.isArray(entry.disabledTools) ? entry.disabledTools.filter((t): t is string => typeof t === 'string') : [];
  const next = enabled ? current.filter((t) => t !== tool) : [...new Set([...current, tool])];
  if (next.length > 0) entry.disabledTools = next;
  else delete entry.disabledTools;
  all[name] = entry;
}

/** Adds pasted entries; a name already in use gets a numeric suffix rather than overwriting. */
export function addImported(raw: RawConfig, entries: { name: string; entry: Record<string, unknown> }[]): string[] {
  const all = servers(raw);
  const added: string[] = [];
  for (const { name, entry } of entries) {
    let unique = name;
    for (let i = 2; unique in all; i++) unique = `${name}-${i}`;
    all[unique] = entry;
    added.push(unique);
  }
  return added;
}
