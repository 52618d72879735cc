// What an env or header *name* says about its value: a secret to mask, or a setting that changes what a launcher runs.

/** Exact names (upper-cased) that change which code a launcher or interpreter loads, or where it fetches it from. */
const LAUNCHER_ENV = new Set([
  'NODE_OPTIONS',
  'NODE_PATH',
  'NODE_EXTRA_CA_CERTS',
  'NODE_TLS_REJECT_UNAUTHORIZED',
  'NODE_REPL_EXTERNAL_MODULE',
  'ELECTRON_RUN_AS_NODE',
  'PATH',
  'HOME',
  'USERPROFILE',
  'APPDATA',
  'XDG_CONFIG_HOME',
  'XDG_DATA_HOME',
  'TMPDIR',
  'SHELL',
  'BASH_ENV',
  'ENV',
  'ZDOTDIR',
  'PROMPT_COMMAND',
  'PYTHONPATH',
  'PYTHONSTARTUP',
  'PYTHONHOME',
  'PYTHONUSERBASE',
  'PYTHONINSPECT',
  'PYTHONWARNINGS',
  'PYTHONBREAKPOINT',
  'VIRTUAL_ENV',
  'PIP_INDEX_URL',
  'PIP_EXTRA_INDEX_URL',
  'PIP_FIND_LINKS',
  'PIP_TRUSTED_HOST',
  'PIP_CONFIG_FILE',
  'UV_INDEX_URL',
  'UV_EXTRA_INDEX_URL',
  'UV_INDEX',
  'UV_DEFAULT_INDEX',
  'UV_FIND_LINKS',
  'UV_PYTHON',
  'UV_CONFIG_FILE',
  'PIPX_HOME',
  'POETRY_REPOSITORIES',
  'YARN_REGISTRY',
  'YARN_NPM_REGISTRY_SERVER',
  'BUN_CONFIG_REGISTRY',
  'BUN_INSTALL',
  'DENO_DIR',
  'DENO_CERT',
  'DENO_AUTH_TOKENS',
  'COREPACK_NPM_REGISTRY',
  'GOPROXY',
  'GOFLAGS',
  'GONOSUMDB',
  'GOPRIVATE',
  'CARGO_HOME',
  'RUSTC_WRAPPER',
  'DOCKER_HOST',
  'DOCKER_CONFIG',
  'PERL5OPT',
  'PERL5LIB',
  'PERLLIB',
  'RUBYOPT',
  'RUBYLIB',
  'GEM_HOME',
  'GEM_PATH',
  'BUNDLE_GEMFILE',
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'JDK_JAVA_OPTIONS',
  'CLASSPATH',
  'JAVA_HOME',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_EXEC_PATH',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'EDITOR',
  'VISUAL',
  'PAGER',
  'BROWSER',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'ALL_PROXY',
  'NO_PROXY',
  'FTP_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
  'OPENSSL_CONF',
  'OPENSSL_MODULES',
  'PKG_CONFIG_PATH',
  'LIBRARY_PATH',
  'CPATH',
]);

/** Name prefixes (upper-cased) with the same effect: npm's settings, the dynamic linkers, git's config injection. */
const LAUNCHER_PREFIXES = ['NPM_CONFIG_', 'LD_', 'DYLD_', 'GIT_CONFIG_', 'PIP_', 'UV_', 'PYTHON', 'NODE_', 'CONDA_'];

/**
 * True for env names that change what a launcher (npx, uvx, node, python, git, …) executes or where it
 * downloads code from. Case-insensitive: Windows and npm read `npm_config_*` in any case.
 */
export function isLauncherEnv(name: string): boolean {
  const upper = name.toUpperCase();
  return LAUNCHER_ENV.has(upper) || LAUNCHER_PREFIXES.some((prefix) => upper.startsWith(prefix));
}

const SECRET_WORDS = new Set([
  'token',
  'tokens',
  'key',
  'keys',
  'apikey',
  'secret',
  'secrets',
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'auth',
  'authorization',
  'credential',
  'credentials',
  'cookie',
  'session',
  'pat',
  'bearer',
  'signature',
  'private',
  'jwt',
  'dsn',
]);
const SECRET_PARTS = /token|secret|passw|apikey|api_key|api-key|authoriz|credential|privatekey|private_key|accesskey|access_key/i;

/**
 * True for env and header names that hold secrets: TOKEN, *_KEY, *SECRET*, PASSWORD, Authorization, Cookie, …
 * Their values go to the secret store, are masked in the approval dialog and are known to the redactor.
 */
export function isSecretName(name: string): boolean {
  // git's config injection: GIT_CONFIG_KEY_<n> holds a config key (core.sshCommand), never a secret, and must be seen.
  if (/^GIT_CONFIG_KEY_\d+$/i.test(name)) return false;
  if (SECRET_PARTS.test(name)) return true;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase());
  return words.some((w) => SECRET_WORDS.has(w));
}

/**
 * Whether an env value is hidden as a secret (masked in the approval dialog, known to the redactor): its
 * name says credential, or it was marked secret (by the person, a registry entry, an install) and it is
 * not a launcher setting. A value that changes what runs is always shown, whoever marked it.
 */
export function isSecretEnv(name: string, marked: ReadonlySet<string>): boolean {
  return isSecretName(name) || (marked.has(name) && !isLauncherEnv(name));
}
