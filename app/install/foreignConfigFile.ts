// Reads one other app's MCP file (JSON with comments) into server entries in our shape, plus its `inputs`.
import { parseLenientJson } from '../config/lenientJson.ts';
import { normalizeEntry } from '../config/importConfig.ts';
import type { ImportInputView } from '../api/installViews.ts';
import type { ConfigLocation } from './configLocations.ts';

export interface ForeignServer {
  name: string;
  /** The entry in our config's shape; `${input:id}` placeholders still in it. */
  entry: Record<string, unknown>;
  /** VS Code's `envFile`, resolved to a path: its variables join `env` at import. */
  envFile?: string;
  /** The `${input:id}` ids the entry uses. */
  inputs: string[];
}

export interface ForeignFile {
  servers: ForeignServer[];
  inputs: ImportInputView[];
  error?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const INPUT = /\$\{input:([^}]+)\}/g;

function inputsUsed(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') for (const m of value.matchAll(INPUT)) found.add(m[1]!);
  else if (Array.isArray(value)) for (const v of value) inputsUsed(v, found);
  else if (isObject(value)) for (const v of Object.values(value)) inputsUsed(v, found);
  return found;
}

/** `${workspaceFolder}` and `${userHome}` as VS Code resolves them; other variables stay as written. */
function resolveFolders(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') return value.replace(/\$\{(workspaceFolder|userHome)\}/g, (all, name: string) => vars[name] ?? all);
  if (Array.isArray(value)) return value.map((v) => resolveFolders(v, vars));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveFolders(v, vars)]));
  return value;
}

function readInputs(value: unknown): ImportInputView[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((i) =>
    isObject(i) && typeof i.id === 'string'
      ? [{ id: i.id, description: typeof i.description === 'string' ? i.description : i.id, password: i.password === true }]
      : [],
  );
}

/** The named entries of the file, by app: `servers` (VS Code), `mcpServers` (the others; Claude Code also per project). */
function namedEntries(value: Record<string, unknown>, location: ConfigLocation): [string, unknown][] {
  const out: [string, unknown][] = [];
  const add = (list: unknown) => {
    if (!isObject(list)) return;
    for (const [name, entry] of Object.entries(list)) if (!out.some(([n]) => n === name)) out.push([name, entry]);
  };
  if (location.app === 'vscode') add(value.servers);
  add(value.mcpServers);
  if (location.app === 'claude-code' && isObject(value.projects)) {
    for (const project of Object.values(value.projects)) if (isObject(project)) add(project.mcpServers);
  }
  return out;
}

export function readForeignFile(text: string, location: ConfigLocation, home: string): ForeignFile {
  const parsed = parseLenientJson(text);
  if ('error' in parsed) return { servers: [], inputs: [], error: `This file is not valid JSON (${parsed.error}).` };
  if (!isObject(parsed.value)) return { servers: [], inputs: [], error: 'This file is not a JSON object.' };
  const vars: Record<string, string> = { userHome: home, ...(location.workspace ? { workspaceFolder: location.workspace } : {}) };
  const servers: ForeignServer[] = [];
  for (const [name, raw] of namedEntries(parsed.value, location)) {
    if (!isObject(raw)) continue;
    const entry = normalizeEntry(resolveFolders(raw, vars) as Record<string, unknown>);
    const envFile = typeof entry.envFile === 'string' ? entry.envFile : undefined;
    delete entry.envFile;
    servers.push({ name, entry, ...(envFile ? { envFile } : {}), inputs: [...inputsUsed(entry)] });
  }
  return { servers, inputs: readInputs(parsed.value.inputs) };
}

/** Puts the person's answers in place of `${input:id}`; an id without an answer is left for the caller to refuse. */
export function fillInputs(value: unknown, answers: Record<string, string>): unknown {
  if (typeof value === 'string') return value.replace(INPUT, (all, id: string) => answers[id] ?? all);
  if (Array.isArray(value)) return value.map((v) => fillInputs(v, answers));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillInputs(v, answers)]));
  return value;
}

/**
 * The env names the source file itself marks secret: their value takes an `${input:id}` whose input is a
 * password. Other values are not secrets just because they came from another app's file: a person
 * must see them (a URL the token is sent to, a file path) to judge the server.
 */
export function sourceSecretEnv(server: ForeignServer, inputs: readonly ImportInputView[]): Set<string> {
  const passwords = new Set(inputs.filter((i) => i.password).map((i) => i.id));
  const env = isObject(server.entry.env) ? server.entry.env : {};
  return new Set(Object.keys(env).filter((key) => [...inputsUsed(env[key])].some((id) => passwords.has(id))));
}
