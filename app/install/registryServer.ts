// A registry's server.json, read into what a person sees: name, status, ways to install, and the values each asks for.
import type { InstallFieldView, RegistryInstallOptionView, RegistryServerView } from '../api/installViews.ts';
import type { RegistryRecord } from './registryClient.ts';
import { buildPackage, isObject, list, packageTarget, RUNTIMES, str, type Obj } from './registryPackage.ts';

const OFFICIAL_META = 'io.modelcontextprotocol.registry/official';

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

function variableFields(spec: Obj, prefix = 'var:', label = (name: string) => name): InstallFieldView[] {
  if (!isObject(spec.variables)) return [];
  return Object.entries(spec.variables)
    .filter(([, v]) => isObject(v))
    .map(([name, v]) => input(`${prefix}${name}`, label(name), v as Obj));
}

/** The field key of a `{variable}` inside a header's fixed `value` (`Bearer {api_key}`): the header's own `variables` are asked. */
export const headerVariableKey = (header: string, variable: string) => `header-var:${header}:${variable}`;

/** Which entry value a field fills: `env:NAME` and `header:NAME` fill that value, `header-var:NAME:var` fills part of header NAME. */
export function fieldTarget(key: string): { field: 'env' | 'headers'; key: string } | undefined {
  const m = /^(env|header|header-var):([^:]+)/.exec(key);
  if (!m) return undefined;
  return { field: m[1] === 'env' ? 'env' : 'headers', key: m[2]! };
}

/** A header asks for its whole value when it has none, or for the `variables` its fixed value is a template of. */
function headerFields(header: Obj): InstallFieldView[] {
  const name = str(header.name);
  if (!name) return [];
  if (str(header.value) === undefined) return [input(`header:${name}`, name, header)];
  return variableFields(header, `header-var:${name}:`, (v) => `${v} (${name} header)`);
}

/** Fields of an argument list: a fixed `value` asks only for its `{variables}`; otherwise the value itself is asked. */
function argumentFields(args: Obj[], prefix: string): InstallFieldView[] {
  return args.flatMap((a, i) =>
    str(a.value) !== undefined ? variableFields(a) : [input(`${prefix}:${i}`, str(a.name) ?? str(a.valueHint) ?? `argument ${i + 1}`, a)],
  );
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
      ...(sha
        ? {}
        : {
            unsupported:
              'The registry gives no sha256 for this bundle, so Switchboard cannot check what it downloads. Download it yourself and open it (Settings → Install a bundle).',
          }),
    };
  }
  if (type !== 'npm' && type !== 'pypi' && type !== 'oci') {
    return {
      id,
      kind: 'unsupported',
      label: `${type} ${str(pkg.identifier) ?? ''}`,
      preview: '',
      fields: [],
      unsupported: `Switchboard cannot install ${type} packages yet. Use another install option, or add the server by hand.`,
    };
  }
  if (transport && transport !== 'stdio') {
    return {
      id,
      kind: type,
      label: `${type} ${str(pkg.identifier) ?? ''}`,
      preview: '',
      fields: [],
      unsupported: `This package runs its own ${transport} server; Switchboard starts packages over stdio only.`,
    };
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

function remoteOption(remote: Obj, index: number): RegistryInstallOptionView {
  const type = str(remote.type) ?? str(remote.transport_type) ?? 'streamable-http';
  const url = str(remote.url) ?? '';
  return {
    id: `remote:${index}`,
    kind: 'remote',
    label: `Remote (${type}) ${url}`,
    preview: url,
    fields: [...variableFields(remote), ...list(remote.headers).flatMap(headerFields)],
  };
}

export function registryServerView(record: RegistryRecord, runtimeProblem: (command: string) => string | undefined): RegistryServerView {
  const s = record.server;
  const repository = isObject(s.repository) ? str(s.repository.url) : undefined;
  return {
    name: str(s.name) ?? '(no name)',
    ...(str(s.title) ? { title: str(s.title)! } : {}),
    description: str(s.description) ?? '',
    version: str(s.version) ?? (isObject(s.version_detail) ? (str(s.version_detail.version) ?? '') : ''),
    status: status(record),
    ...(str(s.websiteUrl) ? { websiteUrl: str(s.websiteUrl)! } : {}),
    ...(repository ? { repositoryUrl: repository } : {}),
    iconCount: list(s.icons).length,
    options: [...list(s.packages).map((p, i) => packageOption(p, i, runtimeProblem)), ...list(s.remotes).map(remoteOption)],
  };
}
