// A client of the MCP Registry API (GET /v0.1/servers with search, cursor, limit; one server's version).
// Every failure is a sentence for a person: offline, timed out, an HTTP status, an answer that is not the API.

export const OFFICIAL_REGISTRY_URL = 'https://registry.modelcontextprotocol.io';
const TIMEOUT_MS = 15_000;

export class RegistryError extends Error {}

export interface RegistryRecord {
  /** The server.json document. */
  server: Record<string, unknown>;
  /** The registry's own data (status, isLatest, …). */
  meta: Record<string, unknown>;
}

export interface RegistryPage {
  records: RegistryRecord[];
  nextCursor?: string;
}

type Fetch = (url: string, init: { signal: AbortSignal; headers: Record<string, string> }) => Promise<Response>;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

async function getJson(url: string, fetchImpl: Fetch, base: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetchImpl(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError')
      throw new RegistryError(`The registry at ${base} did not answer within ${TIMEOUT_MS / 1000} seconds. Try again, or check the registry URL in Settings.`);
    const why = e.cause?.code ?? e.cause?.message ?? e.message;
    throw new RegistryError(`Could not reach the registry at ${base} (${why}). Check your connection or the registry URL in Settings.`);
  }
  if (res.status === 404) throw new RegistryError(`The registry at ${base} has no such page (HTTP 404). Is this an MCP Registry URL?`);
  if (!res.ok) throw new RegistryError(`The registry at ${base} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}. Try again later.`);
  try {
    return await res.json();
  } catch {
    throw new RegistryError(`The registry at ${base} answered with something that is not JSON. Is this an MCP Registry URL?`);
  }
}

function record(value: unknown): RegistryRecord | undefined {
  if (!isObject(value) || !isObject(value.server)) return undefined;
  return { server: value.server, meta: isObject(value._meta) ? value._meta : {} };
}

export function registryBase(url: string): string {
  return url.replace(/\/+$/, '');
}

export async function listServers(
  registryUrl: string,
  query: { search?: string; cursor?: string; limit?: number },
  fetchImpl: Fetch = fetch,
): Promise<RegistryPage> {
  const base = registryBase(registryUrl);
  const params = new URLSearchParams({ version: 'latest', limit: String(query.limit ?? 30) });
  if (query.search?.trim()) params.set('search', query.search.trim());
  if (query.cursor) params.set('cursor', query.cursor);
  const body = await getJson(`${base}/v0.1/servers?${params}`, fetchImpl, base);
  if (!isObject(body) || !Array.isArray(body.servers))
    throw new RegistryError(`The registry at ${base} answered, but not with a list of servers. Is this an MCP Registry URL?`);
  const metadata = isObject(body.metadata) ? body.metadata : {};
  const next = metadata.nextCursor ?? metadata.next_cursor;
  return {
    records: body.servers.map(record).filter((r): r is RegistryRecord => r !== undefined),
    ...(typeof next === 'string' && next ? { nextCursor: next } : {}),
  };
}

export async function getServerVersion(registryUrl: string, name: string, version: string, fetchImpl: Fetch = fetch): Promise<RegistryRecord> {
  const base = registryBase(registryUrl);
  const body = await getJson(`${base}/v0.1/servers/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`, fetchImpl, base);
  const r = record(body);
  if (!r) throw new RegistryError(`The registry at ${base} did not return ${name} ${version}.`);
  return r;
}
