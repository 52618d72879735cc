// The environment a stdio server gets: the MCP SDK's safe allow-list taken from the host env we are given,
// plus the entry's own `env`. Never the host's whole environment (no API keys, NODE_OPTIONS, …).
import { DEFAULT_INHERITED_ENV_VARS } from '@modelcontextprotocol/client/stdio';

const windowsKeys = [
  'APPDATA',
  'HOMEDRIVE',
  'HOMEPATH',
  'LOCALAPPDATA',
  'PATH',
  'PROCESSOR_ARCHITECTURE',
  'SYSTEMDRIVE',
  'SYSTEMROOT',
  'TEMP',
  'USERNAME',
  'USERPROFILE',
  'PROGRAMFILES',
];
const posixKeys = ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'];

/** The SDK's DEFAULT_INHERITED_ENV_VARS for a platform (the SDK picks by process.platform; we take it as a parameter). */
export function inheritedKeys(platform: NodeJS.Platform): string[] {
  return platform === 'win32' ? windowsKeys : posixKeys;
}

function lookup(env: Record<string, string | undefined>, key: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env[key];
  const found = Object.keys(env).find((k) => k.toUpperCase() === key);
  return found === undefined ? undefined : env[found];
}

/** Same rule as the SDK's getDefaultEnvironment(), over the env passed in rather than process.env. */
export function safeEnvironment(
  hostEnv: Record<string, string | undefined>,
  entryEnv: Record<string, string>,
  platform: NodeJS.Platform,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of inheritedKeys(platform)) {
    const value = lookup(hostEnv, key, platform);
    if (value === undefined || value.startsWith('()')) continue;
    env[key] = value;
  }
  return { ...env, ...entryEnv };
}

/**
 * What to hand the SDK's StdioClientTransport: it spreads its own getDefaultEnvironment() (read from
 * process.env) under ours, so allow-listed keys we did not set are masked with undefined (spawn drops them).
 */
export function transportEnvironment(safe: Record<string, string>): Record<string, string> {
  const masked: Record<string, string | undefined> = {};
  for (const key of DEFAULT_INHERITED_ENV_VARS) masked[key] = undefined;
  return { ...masked, ...safe } as Record<string, string>;
}
