// Moving secret values out of what is written to config.json: the form's typed and marked values,
// inline values an on-disk edit left behind, and the inline values of pasted or installed entries.
import type { RawConfig } from '../config/configSchema.ts';
import { parseEntry } from '../config/configLoader.ts';
import { isSecretName } from '../safety/envNames.ts';
import { secretBinding, type BindableTransport } from '../safety/secretBinding.ts';
import type { UpsertEdit } from './configEdits.ts';
import { isSecretReference, type ServerSecrets } from './serverSecrets.ts';

/** An entry someone else wrote; `secretKeys` are env/header names its source marked secret (beyond secret-looking names). */
export interface ExternalEntry {
  name: string;
  entry: Record<string, unknown>;
  secretKeys?: readonly string[];
}

export interface MovedSecrets {
  server: string;
  names: string[];
}

/**
 * Secret-named values still written inline in the file for the entry being edited, when the edit
 * keeps its binding (a kept value for a new binding is refused later by `upsertServer`).
 */
function inlineSecretsOf(raw: RawConfig, previousName: string | undefined, binding: BindableTransport): Record<string, string> {
  if (previousName === undefined) return {};
  const t = parseEntry(previousName, (raw.mcpServers ?? {})[previousName], 'mcpServers').definition?.transport;
  if (!t || secretBinding(t) !== secretBinding(binding)) return {};
  const values = t.kind === 'stdio' ? t.env : t.headers;
  return Object.fromEntries(Object.entries(values).filter(([name, value]) => isSecretName(name) && value !== '' && !isSecretReference(value)));
}

/**
 * The form's entry with every secret value replaced by a secret-store reference: values typed under
 * a secret name, values the person marked secret, and kept values that were still inline on disk.
 */
export async function storeFormSecrets(secrets: ServerSecrets, edit: UpsertEdit, raw: RawConfig): Promise<{ edit: UpsertEdit; stored: string[] }> {
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
