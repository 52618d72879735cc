// A local MCP Registry on 127.0.0.1: GET /v0.1/servers (search, cursor, limit, version=latest) and
// GET /v0.1/servers/{name}/versions/{version}, serving the server.json documents in tests/fixtures/registry.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fixturesDir } from './paths.ts';

export interface RegistryFixture {
  url: string;
  /** Every request's path and query, in order. */
  requests: string[];
  /** Files served at /files/<name> (bundles a server.json points at). */
  files: Map<string, Uint8Array>;
  /** Documents served besides the ones given at start. */
  docs: Doc[];
  /** Answer every request with this HTTP status from now on (undefined: normal). */
  failWith: number | undefined;
  close(): Promise<void>;
}

export type Doc = Record<string, unknown> & { name: string; version: string; description?: string; title?: string };

export function registryDocs(): Doc[] {
  const dir = path.join(fixturesDir, 'registry');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Doc);
}

function wrap(doc: Doc) {
  const status = doc.name.endsWith('/old-weather') ? 'deprecated' : 'active';
  return { server: doc, _meta: { 'io.modelcontextprotocol.registry/official': { status, isLatest: true, publishedAt: '2025-12-11T00:00:00Z' } } };
}

/** `maxPage` caps each page below the asked `limit`, so paging can be seen with six documents. */
export async function startRegistryFixture(docs: Doc[] = registryDocs(), maxPage = 100): Promise<RegistryFixture> {
  const requests: string[] = [];
  const state = { failWith: undefined as number | undefined };
  const files = new Map<string, Uint8Array>();
  docs = [...docs];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (state.failWith) return send(state.failWith, { title: 'failure', status: state.failWith });
    const file = /^\/files\/([^/]+)$/.exec(url.pathname);
    if (file) {
      const data = files.get(decodeURIComponent(file[1]!));
      if (!data) return send(404, { title: 'Not Found', status: 404 });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(data.length) });
      return res.end(data);
    }
    if (url.pathname === '/v0.1/servers') {
      const search = (url.searchParams.get('search') ?? '').toLowerCase();
      const limit = Math.min(maxPage, Number(url.searchParams.get('limit') ?? '30'));
      const start = Number(url.searchParams.get('cursor') ?? '0');
      const matching = docs.filter((d) => !search || d.name.toLowerCase().includes(search));
      const page = matching.slice(start, start + limit);
      const next = start + limit < matching.length ? String(start + limit) : undefined;
      return send(200, { servers: page.map(wrap), metadata: { count: page.length, ...(next ? { nextCursor: next } : {}) } });
    }
    const one = /^\/v0\.1\/servers\/([^/]+)\/versions\/([^/]+)$/.exec(url.pathname);
    if (one) {
      const name = decodeURIComponent(one[1]!);
      const version = decodeURIComponent(one[2]!);
      const doc = docs.find((d) => d.name === name && (d.version === version || version === 'latest'));
      return doc ? send(200, wrap(doc)) : send(404, { title: 'Not Found', status: 404 });
    }
    send(404, { title: 'Not Found', status: 404 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    files,
    docs,
    get failWith() {
      return state.failWith;
    },
    set failWith(v) {
      state.failWith = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
