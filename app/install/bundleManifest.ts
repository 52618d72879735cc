// A bundle's manifest.json: validated with @anthropic-ai/mcpb's own schemas, checked against this machine,
// its user_config as form fields, and its mcp_config resolved (${__dirname}, ${user_config.*}) by mcpb itself.
import { getMcpConfigForManifest, MANIFEST_SCHEMAS, type McpbManifestAny } from '@anthropic-ai/mcpb/browser';
import type { InstallFieldView } from '../api/installViews.ts';
import { resolveCommand } from '../servers/commandResolver.ts';

export class BundleManifestError extends Error {}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export function readManifest(text: string): McpbManifestAny {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BundleManifestError(`The bundle's manifest.json is not valid JSON (${(error as Error).message}).`);
  }
  if (!isObject(raw)) throw new BundleManifestError("The bundle's manifest.json is not a JSON object.");
  const version = String(raw.manifest_version ?? raw.dxt_version ?? '');
  const schema = (
    MANIFEST_SCHEMAS as Record<
      string,
      { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[]; message: string }[] } } }
    >
  )[version];
  if (!schema)
    throw new BundleManifestError(`The bundle's manifest_version "${version}" is not one Switchboard knows (${Object.keys(MANIFEST_SCHEMAS).join(', ')}).`);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error?.issues[0];
    throw new BundleManifestError(
      `The bundle's manifest.json is not valid: ${issue ? `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}` : 'unknown problem'}.`,
    );
  }
  return parsed.data as McpbManifestAny;
}

/** A config name from the manifest's name. */
export function bundleName(manifest: McpbManifestAny): string {
  return (
    manifest.name
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64) || 'bundle'
  );
}

export function userConfigFields(manifest: McpbManifestAny): InstallFieldView[] {
  const config = (manifest.user_config ?? {}) as Record<string, Obj>;
  return Object.entries(config).map(([key, spec]) => ({
    key: `user_config:${key}`,
    label: typeof spec.title === 'string' ? spec.title : key,
    ...(typeof spec.description === 'string' ? { description: spec.description } : {}),
    required: spec.required === true,
    secret: spec.sensitive === true,
    ...(spec.default !== undefined && !Array.isArray(spec.default) ? { default: String(spec.default) } : {}),
    ...(spec.type === 'boolean' ? { choices: ['true', 'false'] } : {}),
  }));
}

/** Why the bundle cannot run on this machine: its platforms, or the command it starts not on the PATH. */
export function compatibilityProblems(manifest: McpbManifestAny, platform: NodeJS.Platform, env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const platforms = manifest.compatibility?.platforms;
  if (platforms && !platforms.includes(platform as never)) problems.push(`It runs on ${platforms.join(', ')}, not on ${platform}.`);
  const command = manifest.server.mcp_config?.command;
  if (command && !command.includes('${')) {
    const found = resolveCommand(command, env, platform);
    if (!found.ok)
      problems.push(
        `${found.message}${manifest.server.type === 'node' ? ' Install Node.js.' : manifest.server.type === 'python' || manifest.server.type === 'uv' ? ' Install Python.' : ''}`,
      );
  }
  if (!manifest.server.mcp_config) problems.push('Its manifest has no mcp_config, so there is nothing to start.');
  return problems;
}

/** Values from the form (strings) as user_config wants them: numbers, booleans, strings. */
function typedValues(manifest: McpbManifestAny, values: Record<string, string>): Record<string, string | number | boolean> {
  const config = (manifest.user_config ?? {}) as Record<string, Obj>;
  const out: Record<string, string | number | boolean> = {};
  for (const [key, spec] of Object.entries(config)) {
    const v = values[`user_config:${key}`];
    if (v === undefined || v === '') continue;
    if (spec.type === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new BundleManifestError(`${typeof spec.title === 'string' ? spec.title : key} must be a number.`);
      out[key] = n;
    } else if (spec.type === 'boolean') out[key] = v === 'true';
    else out[key] = v;
  }
  return out;
}

/** The config entry for the installed bundle in `dir`; refuses when a required value is missing. */
export async function bundleEntry(
  manifest: McpbManifestAny,
  dir: string,
  values: Record<string, string>,
  home: string,
  pathSeparator: string,
): Promise<{ command: string; args: string[]; env: Record<string, string> }> {
  for (const f of userConfigFields(manifest)) {
    if (f.required && !values[f.key] && f.default === undefined) throw new BundleManifestError(`Fill in ${f.label}: the bundle needs it.`);
  }
  const resolved = await getMcpConfigForManifest({
    manifest,
    extensionPath: dir,
    systemDirs: {
      HOME: home,
      DESKTOP: `${home}${pathSeparator}Desktop`,
      DOCUMENTS: `${home}${pathSeparator}Documents`,
      DOWNLOADS: `${home}${pathSeparator}Downloads`,
    },
    userConfig: typedValues(manifest, values),
    pathSeparator,
  });
  if (!resolved) throw new BundleManifestError('The bundle has no command to start, or a required value is missing.');
  return { command: resolved.command, args: resolved.args ?? [], env: (resolved.env ?? {}) as Record<string, string> };
}

/** What changes from the installed manifest to the new one, in a person's words. */
export function manifestChanges(before: McpbManifestAny, after: McpbManifestAny): string[] {
  const changes: string[] = [];
  if (before.version !== after.version) changes.push(`Version ${before.version} → ${after.version}.`);
  const cmd = (m: McpbManifestAny) => [m.server.mcp_config?.command ?? '', ...(m.server.mcp_config?.args ?? [])].join(' ');
  if (cmd(before) !== cmd(after)) changes.push(`Command: ${cmd(before)} → ${cmd(after)}.`);
  const diff = (label: string, a: string[], b: string[]) => {
    const added = b.filter((x) => !a.includes(x));
    const removed = a.filter((x) => !b.includes(x));
    if (added.length) changes.push(`New ${label}: ${added.join(', ')}.`);
    if (removed.length) changes.push(`Removed ${label}: ${removed.join(', ')}.`);
  };
  diff('environment variables', Object.keys(before.server.mcp_config?.env ?? {}), Object.keys(after.server.mcp_config?.env ?? {}));
  diff('settings', Object.keys(before.user_config ?? {}), Object.keys(after.user_config ?? {}));
  diff(
    'tools',
    (before.tools ?? []).map((t) => t.name),
    (after.tools ?? []).map((t) => t.name),
  );
  if (changes.length === 0) changes.push('Nothing in the manifest changes.');
  return changes;
}
