// One-click install links, in the three shapes READMEs publish, read into a name and a config entry.
//   switchboard://install?name=<name>&config=<JSON, URL-encoded or base64>
//   vscode:mcp/install?<URL-encoded JSON with "name" and the entry>   (also vscode-insiders:)
//   cursor://anysphere.cursor-deeplink/mcp/install?name=<name>&config=<base64 JSON>
import type { InstallLinkShape } from '../api/installViews.ts';
import { normalizeEntry } from '../config/importConfig.ts';
import { parseLenientJson } from '../config/lenientJson.ts';

export interface InstallLink {
  shape: InstallLinkShape;
  name: string;
  entry: Record<string, unknown>;
}

export class InstallLinkError extends Error {}

const MAX_LINK = 64_000;
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function decodeConfig(value: string): Record<string, unknown> {
  const trimmed = value.trim();
  let text = trimmed;
  if (!trimmed.startsWith('{')) {
    if (!/^[A-Za-z0-9+/_-]+=*$/.test(trimmed)) throw new InstallLinkError("The link's `config` is neither JSON nor base64.");
    text = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  }
  const parsed = parseLenientJson(text);
  if ('error' in parsed) throw new InstallLinkError(`The link's server definition is not valid JSON (${parsed.error}).`);
  if (!isObject(parsed.value)) throw new InstallLinkError("The link's server definition must be a JSON object.");
  return parsed.value;
}

function requireName(name: string | null | undefined): string {
  const n = (name ?? '').trim();
  if (!n) throw new InstallLinkError('The link does not name the server (`name=` is missing).');
  if (n.length > 64) throw new InstallLinkError('The server name in the link is longer than 64 characters.');
  return n;
}

export function parseInstallLink(link: string): InstallLink {
  const text = link.trim();
  if (text.length > MAX_LINK) throw new InstallLinkError('This install link is too long to be a server definition.');
  const vscode = /^vscode(?:-insiders)?:(?:\/\/)?mcp\/install\?(.*)$/s.exec(text);
  if (vscode) {
    let json: string;
    try {
      json = decodeURIComponent(vscode[1]!);
    } catch {
      throw new InstallLinkError('The VS Code link is not properly URL-encoded.');
    }
    const value = decodeConfig(json);
    const { name, ...entry } = value;
    return { shape: 'vscode', name: requireName(typeof name === 'string' ? name : undefined), entry: normalizeEntry(entry) };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InstallLinkError('That is not an install link. Links look like switchboard://install?name=…&config=….');
  }
  const config = url.searchParams.get('config');
  if (url.protocol === 'switchboard:' && (url.hostname === 'install' || url.pathname.replace(/^\/+/, '') === 'install')) {
    if (!config) throw new InstallLinkError('The link carries no server definition (`config=` is missing).');
    return { shape: 'switchboard', name: requireName(url.searchParams.get('name')), entry: normalizeEntry(decodeConfig(config)) };
  }
  if (url.protocol === 'cursor:' && /\/mcp\/install$/.test(url.pathname)) {
    if (!config) throw new InstallLinkError('The link carries no server definition (`config=` is missing).');
    return { shape: 'cursor', name: requireName(url.searchParams.get('name')), entry: normalizeEntry(decodeConfig(config)) };
  }
  throw new InstallLinkError(
    `Switchboard does not install from ${url.protocol}// links. It reads switchboard://install, vscode:mcp/install and Cursor's mcp/install links.`,
  );
}
