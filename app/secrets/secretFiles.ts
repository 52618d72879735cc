// The one rule for files that hold secrets: their names, and the mode they get (0600, only the owner reads them).
// Every store writes under a name listed here; the host tightens every such file it finds at start (an
// older or hand-copied one may be loose), and the copies of them set aside as damaged follow the same rule.

export const SECRET_FILE_MODE = 0o600;

/** The files of the secret stores, in the data folder. */
export const SECRET_FILES = {
  /** Web mode: the API key and server-entry secrets (`FileSecretStore`). */
  serverSecrets: 'secrets.json',
  /** Web mode: OAuth tokens, registrations and client secrets (`FileAuthSecrets`). */
  oauth: 'oauth.secrets.json',
  /** Desktop: the same, encrypted with safeStorage. */
  oauthEncrypted: 'oauth.secrets.safe',
  /** Desktop: the API key and server-entry secrets, encrypted with safeStorage (main/electron). */
  apiKeyEncrypted: 'api-key.safe',
  serverSecretsEncrypted: 'server-secrets.safe',
} as const;

/** config.json holds env and header values a person may have typed inline. */
const ALSO_SECRET = new Set(['config.json']);
/** Names other versions of the stores used: `secrets.<x>.json`, `*.secret(s)`, any `*.safe`. */
const OLDER_NAMES = /^secrets?(\..*)?\.json$|\.safe$|\.secrets?$/i;
const KNOWN = new Set<string>(Object.values(SECRET_FILES));

/** True for a file (by its name) that holds secrets, or a damaged copy of one set aside. */
export function isSecretFile(name: string): boolean {
  const base = name.replace(/\.damaged(-\d+)?$/, '');
  return KNOWN.has(base) || ALSO_SECRET.has(base) || OLDER_NAMES.test(base);
}
