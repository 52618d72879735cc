// Moving secret values out of what is written to config.json: the form's typed and marked values,
// inline values an on-disk edit left behind, and the inline values of pasted or installed entries.
import type { RawConfig } from '../config/configSchema.ts';
import { parseEntry } from '../config/configLoader.ts';
import type { ServerTransportDefinition } from '../config/serverDefinition.ts';
import { isSecretName } from './envNames.ts';
import { secretBinding, type BindableTransport } from './secretBinding.ts';
import type { ServerEntryInput } from '../api/schemas.ts';
import { isSecretReference, type ServerSecrets } from './serverSecrets.ts';

/** An entry someone else wrote; `secretKeys` are env/header names its source marked secret (beyond secret-looking names). */
/** What the server form sends that decides its secrets: the entry, its name, and the name it had. */
export interface FormEdit {
  previousName?: string | undefined;
  name: string;
  entry: ServerEntryInput;
}

export interface ExternalEntry {
  name: string;
  entry: Record<string, unknown>;
  secretKeys?: readonly string[];
}

export interface MovedSecrets {
  server: string;
  names: string[];
}

/** True for a value `moveInline` would move: a secret name, a value, and not already a reference. */
function isInlineSecret(name: string, value: string): boolean {
  return isSecretName(name) && value !== '' && !isSecretReference(value);
}

/** One entry as written in the file (references unresolved); undefined when it does not parse. */
function writtenTransport(raw: RawConfig, name: string): ServerTransportDefinition | undefined {
  return parseEntry(name, (raw.mcpServers ?? {})[name], 'mcpServers').definition?.transport;
}

function valuesOf(t: ServerTransportDefinition): Record<string, string> {
  return t.kind === 'stdio' ? t.env : t.headers;
}

/**
 * The names of an entry's secret-named env/header values that are still written in config.json in
 * plain text (hand-written in the file): what the server's view warns about. Never the values.
 */
export function inlineSecretNames(raw: RawConfig, name: string): string[] {
  const t = writtenTransport(raw, name);
  if (!t) return [];
  return Object.entries(valuesOf(t))
    .filter(([key, value]) => isInlineSecret(key, value))
    .map(([key]) => key);
}

/**
 * Secret-named values still written inline in the file for the entry being edited, when the edit
 * keeps its binding (a kept value for a new binding is refused later by `upsertServer`).
 */
function inlineSecretsOf(raw: RawConfig, previousName: string | undefined, binding: BindableTransport): Record<string, string> {
  if (previousName === undefined) return {};
  const t = writtenTransport(raw, previousName);
  if (!t || secretBinding(t) !== secretBinding(binding)) return {};
  return Object.fromEntries(Object.entries(valuesOf(t)).filter(([name, value]) => isInlineSecret(name, value)));
}

/** One value moved out of an entry: what the file held, and the reference that replaces it. */
export interface MovedValue {
  name: string;
  was: string;
  reference: string;
}

/**
 * Moves one written entry's inline secret values into the store, bound to its command line or URL
 * origin (`ServerSecrets.moveInline`). Returns what to write back with `writeMovedSecrets`.
 */
export async function moveEntrySecrets(secrets: ServerSecrets, raw: RawConfig, name: string): Promise<{ field: 'env' | 'headers'; moved: MovedValue[] }> {
  const t = writtenTransport(raw, name);
  if (!t) return { field: 'env', moved: [] };
  const written = valuesOf(t);
  const { values, moved } = await secrets.moveInline(name, t, written);
  return { field: t.kind === 'stdio' ? 'env' : 'headers', moved: moved.map((key) => ({ name: key, was: written[key] ?? '', reference: values[key] ?? '' })) };
}

/**
 * Writes the references in place of the moved values of one entry, touching nothing else. A value
 * changed in the file meanwhile is left as it is now. Returns the references written.
 */
export function writeMovedSecrets(raw: RawConfig, name: string, field: 'env' | 'headers', moved: readonly MovedValue[]): string[] {
  const entry = (raw.mcpServers ?? {})[name];
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return [];
  const values = (entry as Record<string, unknown>)[field];
  if (!values || typeof values !== 'object' || Array.isArray(values)) return [];
  const record = values as Record<string, unknown>;
  const written: string[] = [];
  for (const { name: key, was, reference } of moved) {
    if (record[key] !== was) continue;
    record[key] = reference;
    written.push(reference);
  }
  return written;
}

/**
 * The form's entry with every secret value replaced by a secret-store reference: values typed under
 * a secret name, values the person marked secret, and kept values that were still inline on disk.
 */
export async function storeFormSecrets<E extends FormEdit>(secrets: ServerSecrets, edit: E, raw: RawConfig): Promise<{ edit: E; stored: string[] }> {
  const e = edit.entry;
  const values = e.transport === 'stdio' ? e.env : e.headers;
  const binding: BindableTransport = e.transport === 'stdio' ? { kind: 'stdio', command: e.command, args: e.args } : { kind: e.transport, url: e.url };
  const inline = inlineSecretsOf(raw, edit.previousName, binding);
  const out: typeof values = {};
  const stored: string[] = [];
  const store = async (name: string, value: string) => {
    const reference = await secrets.storeSecret(edit.name, binding, name, value);
    stored.push(reference);
    return reference;
  };
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'object' && 'secret' in value) out[name] = await store(name, value.value);
    else if (typeof value === 'string' && value !== '' && isSecretName(name) && !isSecretReference(value)) out[name] = await store(name, value);
    else if (typeof value === 'object' && 'keep' in value && inline[name] !== undefined) out[name] = await store(name, inline[name]);
    else out[name] = value;
  }
  return { edit: { ...edit, entry: e.transport === 'stdio' ? { ...e, env: out } : { ...e, headers: out } }, stored };
}

/**
 * Pasted or installed entries with their inline secret values moved to the store. The names they
 * will get (a taken name gets a numeric suffix, as `addImported` does) own the stored secrets.
 */
export async function moveImportedSecrets(
  secrets: ServerSecrets,
  entries: ExternalEntry[],
  raw: RawConfig,
  options: { replace?: boolean } = {},
): Promise<{ prepared: { name: string; entry: Record<string, unknown> }[]; secretsMoved: MovedSecrets[] }> {
  const secretsMoved: MovedSecrets[] = [];
  const taken = new Set(Object.keys(raw.mcpServers ?? {}));
  const prepared: { name: string; entry: Record<string, unknown> }[] = [];
  for (const { name, entry, secretKeys } of entries) {
    let unique = name;
    if (!options.replace) for (let i = 2; taken.has(unique); i++) unique = `${name}-${i}`;
    taken.add(unique);
    const t = parseEntry(unique, entry, 'mcpServers').definition?.transport;
    if (!t) {
      prepared.push({ name, entry });
      continue;
    }
    const field = t.kind === 'stdio' ? 'env' : 'headers';
    const { values, moved } = await secrets.moveInline(unique, t, t.kind === 'stdio' ? t.env : t.headers, new Set(secretKeys ?? []));
    if (moved.length > 0) secretsMoved.push({ server: unique, names: moved });
    prepared.push({ name, entry: moved.length > 0 ? { ...entry, [field]: values } : entry });
  }
  return { prepared, secretsMoved };
}
