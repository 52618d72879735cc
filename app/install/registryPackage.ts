// How a registry package runs: npm → npx, PyPI → uvx, OCI → docker, with its arguments and env filled in.

export type Obj = Record<string, unknown>;
export const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
export const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** What each package type runs, and what to install when it is missing. */
export const RUNTIMES = {
  npm: { command: 'npx', install: 'Install Node.js (it brings npx), then try again.' },
  pypi: { command: 'uvx', install: 'Install uv (it brings uvx, https://docs.astral.sh/uv/), then try again.' },
  oci: { command: 'docker', install: 'Install Docker and make sure `docker` is on your PATH, then try again.' },
} as const;

export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([A-Za-z0-9_-]+)\}/g, (all, name: string) => values[`var:${name}`] ?? all);
}

export function argumentValues(args: Obj[], prefix: string, values: Record<string, string>): string[] {
  return args.flatMap((a, i) => {
    const fixed = str(a.value);
    const value = fixed !== undefined ? fillTemplate(fixed, values) : (values[`${prefix}:${i}`] ?? (typeof a.default === 'string' ? a.default : ''));
    if (!value) return [];
    return a.type === 'named' && str(a.name) ? [str(a.name)!, value] : [value];
  });
}

export function packageTarget(kind: 'npm' | 'pypi' | 'oci', pkg: Obj): string {
  const id = str(pkg.identifier) ?? '';
  const version = str(pkg.version);
  if (!version) return id;
  if (kind === 'npm') return `${id}@${version}`;
  if (kind === 'pypi') return `${id}==${version}`;
  return /:[^/]+$/.test(id) || id.includes('@sha256:') ? id : `${id}:${version}`;
}

export function buildPackage(
  kind: 'npm' | 'pypi' | 'oci',
  pkg: Obj,
  values: Record<string, string>,
): { command: string; args: string[]; env: Record<string, string> } {
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
