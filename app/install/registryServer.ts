// A registry's server.json, read into what a person sees (name, status, ways to install, the values each asks for)
// and, once those are filled in, into a config entry: npm → npx, PyPI → uvx, OCI → docker, remotes → URL + headers.
import type { InstallFieldView, RegistryInstallOptionView, RegistryServerView } from '../api/installViews.ts';
import type { RegistryRecord } from './registryClient.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObject) : []);

const OFFICIAL_META = 'io.modelcontextprotocol.registry/official';

/** What each package type runs, and what to install when it is missing. */
export const RUNTIMES = {
  npm: { command: 'npx', install: 'Install Node.js (it brings npx), then try again.' },
  pypi: { command: 'uvx', install: 'Install uv (it brings uvx, https://docs.astral.sh/uv/), then try again.' },
  oci: { command: 'docker', install: 'Install Docker and make sure `docker` is on your PATH, then try again.' },
} as const;

function status(record: RegistryRecord): RegistryServerView['status'] {
  const official = isObject(record.meta[OFFICIAL_META]) ? (record.meta[OFFICIAL_META] as Obj) : {};
  const s = str(official.status) ?? str(record.server.status);
  return s === 'deprecated' || s === 'deleted' ? s : 'active';
}

function input(key: string, label: string, spec: Obj, secretDefault = false): InstallFieldView {
  const choices = Array.isArray(spec.choices) ? spec.choices.filter((c): c is string => typeof c === 'string') : [];
  return {
    key,
    label,
    ...(str(spec.description) ? { description: str(spec.description)! } : {}),
    required: spec.isRequired === true,
    secret: spec.isSecret === true || secretDefault,
    ...(typeof spec.default === 'string' ? { default: spec.default } : {}),
    ...(choices.length ? { choices } : {}),
  };
}

function variableFields(spec: Obj): InstallFieldView[] {
  if (!isObject(spec.variables)) return [];
  return Object.entries(spec.variables).filter(([, v]) => isObject(v)).map(([name, v]) => input(`var:${name}`, name, v as Obj));
}

/** Fields of an argument list: a fixed `value` asks only for its `{variables}`; otherwise the value itself is asked. */
function argumentFields(args: Obj[], prefix: string): InstallFieldView[] {
  return args.flatMap((a, i) => (str(a.value) !== undefined ? variableFields(a) : [input(`${prefix}:${i}`, str(a.name) ?? str(a.valueHint) ?? `argument ${i + 1}`, a)]));
}

function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([A-Za-z0-9_-]+)\}/g, (all, name: string) => values[`var:${name}`] ?? all);
}

function argumentValues(args: Obj[], prefix: string, values: Record<string, string>): string[] {
  return args.flatMap((a, i) => {
    const fixed = str(a.value);
    const value = fixed !== undefined ? fillTemplate(fixed, values) : (values[`${prefix}:${i}`] ?? (typeof a.default === 'string' ? a.default : ''));
    if (!value) return [];
    return a.type === 'named' && str(a.name) ? [str(a.name)!, value] : [value];
  });
}

function packageTarget(kind: 'npm' | 'pypi' | 'oci', pkg: Obj): string {
  const id = str(pkg.identifier) ?? '';
  const version = str(pkg.version);
  if (!version) return id;
  if (kind === 'npm') return `${id}@${version}`;
  if (kind === 'pypi') return `${id}==${version}`;
  return /:[^/]+$/.test(id) || id.includes('@sha256:') ? id : `${id}:${version}`;
}

function packageOption(pkg: Obj, index: number, runtimeProblem: (command: string) => string | undefined): RegistryInstallOptionView {
  const type = str(pkg.registryType) ?? str(pkg.registry_type) ?? 'unknown';
  const id = `package:${index}`;
  const transport = isObject(pkg.transport) ? str(pkg.transport.type) : undefined;
  if (type === 'mcpb') {
    const url = str(pkg.identifier) ?? '';
    const sha = str(pkg.fileSha256) ?? str(pkg.file_sha256);
    return {
      id,
      kind: 'mcpb',
      label: `Bundle ${url.split('/').pop() ?? url}`,
      preview: url,
      fields: [],
      ...(sha ? {} : { unsupported: 'The registry gives no sha256 for this bundle, so Switchboard cannot check what it downloads. Download it yourself and open it (Settings → Install a bundle).' }),
    };
  }
  if (type !== 'npm' && type !== 'pypi' && type !== 'oci') {
    return { id, kind: 'unsupported', label: `${type} ${str(pkg.identifier) ?? ''}`, preview: '', fields: [], unsupported: `Switchboard cannot install ${type} packages yet. Use another install option, or add the server by hand.` };
  }
  if (transport && transport !== 'stdio') {
    return { id, kind: type, label: `${type} ${str(pkg.identifier) ?? ''}`, preview: '', fields: [], unsupported: `This package runs its own ${transport} server; Switchboard starts packages over stdio only.` };
  }
  const env = list(pkg.environmentVariables);
  const fields = [
    ...argumentFields(list(pkg.runtimeArguments), 'runtime'),
    ...argumentFields(list(pkg.packageArguments), 'arg'),
    ...env.flatMap((e) => (str(e.name) ? [input(`env:${str(e.name)}`, str(e.name)!, e)] : [])),
  ];
  const draft = buildPackage(type, pkg, {});
  const missing = runtimeProblem(RUNTIMES[type].command);
  return {
    id,
    kind: type,
    label: `${type === 'oci' ? 'Docker image' : type === 'pypi' ? 'PyPI' : 'npm'} ${packageTarget(type, pkg)}`,
    preview: [draft.command, ...draft.args].join(' '),
    fields,
    ...(missing ? { missingRuntime: `${missing} ${RUNTIMES[type].install}` } : {}),
  };
}

function buildPackage(kind: 'npm' | 'pypi' | 'oci', pkg: Obj, values: Record<string, string>): { command: string; args: string[]; env: Record<string, string> } {
  const runtimeArgs = argumentValues(list(pkg.runtimeArguments), 'runtime', values);
  const packageArgs = argumentValues(list(pkg.packageArguments), 'arg', values);
  const env: Record<string, string> = {};
  for (const e of list(pkg.environmentVariables)) {
    const name = str(e.name);
    if (!name) continue;
    const value = values[`env:${name}`] ?? (typeof e.default === 'string' ? e.default : '');
    if (value) env[name] = value;
  }
  const target = packageTarget(kind, pkg);
  switch (kind) {
    case 'npm':
      return { command: 'npx', args: ['-y', ...runtimeArgs, target, ...packageArgs], env };
    case 'pypi':
      return { command: 'uvx', args: [...runtimeArgs, target, ...packageArgs], env };
    case 'oci':
      return { command: 'docker', args: ['run', '-i', '--rm', ...runtimeArgs, ...Object.keys(env).flatMap((k) => ['-e', k]), target, ...packageArgs], env };
  }
}

function remoteOption(remote: Obj, index: number): RegistryInstallOptionView {
  const type = str(remote.type) ?? str(remote.transport_type) ?? 'streamable-http';
  const url = str(remote.url) ?? '';
  return {
    id: `remote:${index}`,
    kind: 'remote',
    label: `Remote (${type}) ${url}`,
    preview: url,
    fields: [...variableFields(remote), ...list(remote.headers).flatMap((h) => (str(h.name) && str(h.value) === undefined ? [input(`header:${str(h.name)}`, str(h.name)!, h)] : []))],
  };
}

export function registryServerView(record: RegistryRecord, runtimeProblem: (command: string) => string | undefined): RegistryServerView {
  const s = record.server;
  const repository = isObject(s.repository) ? str(s.repository.url) : undefined;
  return {
    name: str(s.name) ?? '(no name)',
    ...(str(s.title) ? { title: str(s.title)! } : {}),
    description: str(s.description) ?? '',
    version: str(s.version) ?? (isObject(s.version_detail) ? str(s.version_detail.version) ?? '' : ''),
    status: status(record),
    ...(str(s.websiteUrl) ? { websiteUrl: str(s.websiteUrl)! } : {}),
    ...(repository ? { repositoryUrl: repository } : {}),
    iconCount: list(s.icons).length,
    options: [...list(s.packages).map((p, i) => packageOption(p, i, runtimeProblem)), ...list(s.remotes).map(remoteOption)],
  };
}

export class RegistryInstallError extends Error {
  constructor(message: string, readonly field?: string) {
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
    if (f.choices && values[f.key] && !f.choices.includes(values[f.key]!)) throw new RegistryInstallError(`${f.label} must be one of ${f.choices.join(', ')}.`, f.key);
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
      const value = str(h.value) !== undefined ? fillTemplate(str(h.value)!, values) : (values[`header:${name}`] ?? (typeof h.default === 'string' ? h.default : ''));
      if (value) headers[name] = value;
    }
    const url = fillTemplate(str(remote.url) ?? '', values);
    return { url, type: type === 'sse' ? 'sse' : 'http', ...(Object.keys(headers).length ? { headers } : {}) };
  }
  const pkg = list(record.server.packages)[index]!;
  const built = buildPackage(option.kind as 'npm' | 'pypi' | 'oci', pkg, values);
  return { command: built.command, args: built.args, ...(Object.keys(built.env).length ? { env: built.env } : {}) };
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
  return (registryName.split('/').pop() ?? registryName).replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64) || 'server';
}
