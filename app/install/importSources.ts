// Other apps' MCP files on this machine: what each holds (for the person to pick), and the picked entries made ready to add.
import path from 'node:path';
import type { ConfigIssue } from '../api/views.ts';
import type { ImportSourceView } from '../api/installViews.ts';
import { jsonPath, parseEntry } from '../config/configLoader.ts';
import { readFileIfExists } from '../base/atomicFile.ts';
import { summarize } from './candidateSummary.ts';
import { configLocations, type ConfigLocation, type LocationOptions } from './configLocations.ts';
import { parseEnvFile } from './envFile.ts';
import { fillInputs, readForeignFile, sourceSecretEnv, type ForeignFile, type ForeignServer } from './foreignConfigFile.ts';
import type { PlaceSecret } from '../secrets/index.ts';

export interface PickedEntry {
  name: string;
  entry: Record<string, unknown>;
}

async function readLocation(location: ConfigLocation, home: string): Promise<ForeignFile | undefined> {
  let text: string | undefined;
  try {
    text = await readFileIfExists(location.path);
  } catch (error) {
    return { servers: [], inputs: [], error: `It could not be read (${(error as Error).message}).` };
  }
  return text === undefined ? undefined : readForeignFile(text, location, home);
}

/** Every known file that exists, with its servers; files that exist but hold no servers are left out. */
export async function discoverSources(options: LocationOptions, existing: ReadonlySet<string>): Promise<ImportSourceView[]> {
  const out: ImportSourceView[] = [];
  for (const location of configLocations(options)) {
    const file = await readLocation(location, options.home);
    if (!file || (file.servers.length === 0 && !file.error)) continue;
    out.push({
      path: location.path,
      app: location.app,
      label: location.label,
      inputs: file.inputs,
      ...(file.error ? { error: file.error } : {}),
      servers: file.servers.map((s) => {
        const parsed = parseEntry(s.name, s.entry, s.name);
        const shown = parsed.definition ? summarize(parsed.definition.transport, sourceSecretEnv(s, file.inputs)) : undefined;
        return {
          name: s.name,
          transport: shown?.transport ?? 'stdio',
          ...(shown ? { launch: shown.launch } : {}),
          inputs: s.inputs,
          exists: existing.has(s.name),
          ...(parsed.definition ? {} : { problem: parsed.issues[0]?.message ?? 'This entry cannot be read.' }),
        };
      }),
    });
  }
  return out;
}

async function withEnvFile(server: ForeignServer, issues: ConfigIssue[]): Promise<Record<string, unknown>> {
  if (!server.envFile) return server.entry;
  let text: string | undefined;
  try {
    text = await readFileIfExists(server.envFile);
  } catch (error) {
    text = undefined;
    issues.push({ path: jsonPath('', [server.name, 'envFile']), message: `${server.envFile} could not be read (${(error as Error).message}).` });
  }
  if (text === undefined) {
    issues.push({ path: jsonPath('', [server.name, 'envFile']), message: `${server.envFile} was not found; the server was added without its variables.` });
    return server.entry;
  }
  const env = server.entry.env && typeof server.entry.env === 'object' ? (server.entry.env as Record<string, string>) : {};
  return { ...server.entry, env: { ...parseEnvFile(text), ...env } };
}

/**
 * Marks what is secret so it lands wherever secrets live: every header value (a review shows header
 * names only) and the env values the source marked (`sourceSecret`). Secret-named env values are moved
 * to the secret store when the entry is added anyway; every other env value stays visible to review.
 */
async function placeSecrets(
  name: string,
  entry: Record<string, unknown>,
  sourceSecret: ReadonlySet<string>,
  placeSecret: PlaceSecret,
): Promise<Record<string, unknown>> {
  const out = { ...entry };
  for (const field of ['env', 'headers'] as const) {
    const values = entry[field];
    if (!values || typeof values !== 'object' || Array.isArray(values)) continue;
    const placed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
      const secret = typeof value === 'string' && (field === 'headers' || sourceSecret.has(key));
      placed[key] = secret ? await placeSecret({ server: name, field, key, value }) : value;
    }
    out[field] = placed;
  }
  return out;
}

/**
 * Reads the file again (the person picked from what it held then), keeps the picked names, resolves
 * `envFile` and `${input:id}` answers. A picked entry that needs an unanswered input is refused with an issue.
 */
export async function pickEntries(
  options: LocationOptions,
  file: string,
  names: readonly string[],
  answers: Record<string, string>,
  placeSecret: PlaceSecret,
): Promise<{ entries: PickedEntry[]; issues: ConfigIssue[]; app?: string } | { error: string }> {
  const location = configLocations(options).find((l) => path.resolve(l.path) === path.resolve(file));
  if (!location) return { error: "That file is not one of the other apps' files Switchboard looks at." };
  const read = await readLocation(location, options.home);
  if (!read) return { error: `${file} is gone. Look again.` };
  if (read.error) return { error: `${location.label}: ${read.error}` };
  const issues: ConfigIssue[] = [];
  const entries: PickedEntry[] = [];
  for (const name of names) {
    const server = read.servers.find((s) => s.name === name);
    if (!server) {
      issues.push({ path: name, message: `"${name}" is no longer in ${location.label}'s file.` });
      continue;
    }
    const missing = server.inputs.filter((id) => !answers[id]);
    if (missing.length > 0) {
      issues.push({ path: name, message: `Fill in ${missing.map((m) => `"${m}"`).join(', ')} first: "${name}" needs it.` });
      continue;
    }
    const filled = fillInputs(await withEnvFile(server, issues), answers) as Record<string, unknown>;
    entries.push({ name, entry: await placeSecrets(name, filled, sourceSecretEnv(server, read.inputs), placeSecret) });
  }
  return { entries, issues, app: location.app };
}
