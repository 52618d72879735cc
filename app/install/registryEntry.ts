// A registry server's install option with the person's values, as a config entry (or, for a bundle, where to download it).
import { headerVariableKey, registryServerView } from './registryServer.ts';
import type { RegistryRecord } from './registryClient.ts';
import { buildPackage, fillTemplate, isObject, list, str } from './registryPackage.ts';

export class RegistryInstallError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The config entry for one install option with the person's values; required values missing are refused. */
export function registryEntry(record: RegistryRecord, optionId: string, given: Record<string, string>): Record<string, unknown> {
  const view = registryServerView(record, () => undefined);
  const option = view.options.find((o) => o.id === optionId);
  if (!option) throw new RegistryInstallError(`${view.name} ${view.version} has no install option "${optionId}".`);
  if (option.unsupported) throw new RegistryInstallError(option.unsupported);
  if (option.kind === 'mcpb') throw new RegistryInstallError('This is a bundle: open it for review instead, so its settings can be asked for.');
  const values: Record<string, string> = {};
  for (const f of option.fields) {
    const v = given[f.key] || f.default;
    if (v) values[f.key] = v;
  }
  for (const f of option.fields) {
    if (f.required && !values[f.key]) throw new RegistryInstallError(`Fill in ${f.label}: it is required.`, f.key);
    if (f.choices && values[f.key] && !f.choices.includes(values[f.key]!))
      throw new RegistryInstallError(`${f.label} must be one of ${f.choices.join(', ')}.`, f.key);
  }
  const [kind, n] = optionId.split(':');
  const index = Number(n);
  if (kind === 'remote') {
    const remote = list(record.server.remotes)[index]!;
    const type = str(remote.type) ?? str(remote.transport_type) ?? 'streamable-http';
    const headers: Record<string, string> = {};
    for (const h of list(remote.headers)) {
      const name = str(h.name);
      if (!name) continue;
      const fixed = str(h.value);
      const value = fixed !== undefined ? headerValue(name, fixed, h, values) : (values[`header:${name}`] ?? (typeof h.default === 'string' ? h.default : ''));
      if (value) headers[name] = value;
    }
    const url = fillTemplate(str(remote.url) ?? '', values);
    return { url, type: type === 'sse' ? 'sse' : 'http', ...(Object.keys(headers).length ? { headers } : {}) };
  }
  const pkg = list(record.server.packages)[index]!;
  const built = buildPackage(option.kind as 'npm' | 'pypi' | 'oci', pkg, values);
  return { command: built.command, args: built.args, ...(Object.keys(built.env).length ? { env: built.env } : {}) };
}

/**
 * A header's fixed value with its own `{variables}` filled in (`Bearer {api_key}` → `Bearer <the key>`), falling back to the
 * remote's URL variables. An optional variable left empty drops the header: the literal `{api_key}` is never sent.
 */
function headerValue(name: string, template: string, header: Record<string, unknown>, values: Record<string, string>): string | undefined {
  const own = isObject(header.variables) ? header.variables : {};
  let unfilled = false;
  const value = template.replace(/\{([A-Za-z0-9_-]+)\}/g, (all, v: string) => {
    const got = values[headerVariableKey(name, v)] ?? values[`var:${v}`];
    if (got === undefined && v in own) unfilled = true;
    return got ?? all;
  });
  return unfilled ? undefined : value;
}

/** The bundle an `mcpb` option points at, with the sha256 the registry published. */
export function bundlePackage(record: RegistryRecord, optionId: string): { url: string; sha256: string } | undefined {
  const [kind, n] = optionId.split(':');
  if (kind !== 'package') return undefined;
  const pkg = list(record.server.packages)[Number(n)];
  if (!pkg || (str(pkg.registryType) ?? str(pkg.registry_type)) !== 'mcpb') return undefined;
  const url = str(pkg.identifier);
  const sha256 = str(pkg.fileSha256) ?? str(pkg.file_sha256);
  return url && sha256 ? { url, sha256 } : undefined;
}

/** A config name from a registry name: `io.github.user/local-weather` → `local-weather`. */
export function localName(registryName: string): string {
  return (
    (registryName.split('/').pop() ?? registryName)
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64) || 'server'
  );
}
