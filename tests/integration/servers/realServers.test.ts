// Real MCP servers from npm: server-everything (stdio, Streamable HTTP, SSE fallback), filesystem, memory.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServerDefinition } from '../../../app/config/serverDefinition.ts';
import { ServerConnection } from '../../../app/servers/serverConnection.ts';
import { fixturesDir, serverBins } from '../../support/paths.ts';
import { startEverythingHttp, startEverythingSse, type LocalMcpHttp } from '../../support/everythingHttp.ts';
import { fastOptions, remote, stdio, textOf } from './helpers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function connect(def: ServerDefinition): ServerConnection {
  const conn = new ServerConnection(def, fastOptions);
  cleanups.push(() => conn.stop());
  return conn;
}

async function serve(start: () => Promise<LocalMcpHttp>): Promise<LocalMcpHttp> {
  const server = await start();
  cleanups.push(() => server.close());
  return server;
}

describe('real MCP servers', () => {
  it('connects to server-everything over stdio, lists its tools and calls echo', async () => {
    const conn = connect(stdio('everything', serverBins.everything, ['stdio']));
    await conn.start();
    const state = conn.state();
    expect(state).toMatchObject({ kind: 'ready', transport: 'stdio' });
    expect(conn.tools().map((t) => t.name)).toContain('echo');
    const result = await conn.callTool('echo', { message: 'hi there' }, { timeoutMs: 10_000 });
    expect(textOf(result)).toContain('hi there');
    expect(conn.logs().some((l) => l.source === 'host' && /^ready in \d+ ms, \d+ tools$/.test(l.text))).toBe(true);
    expect(conn.pid()).toBeGreaterThan(0);
  });

  it('becomes ready with no tools when a server offers only prompts and resources', async () => {
    const conn = connect(stdio('prompts', path.join(fixturesDir, 'prompts-only.mjs')));
    await conn.start();
    expect(conn.state().kind).toBe('ready');
    expect(conn.tools()).toEqual([]);
  });

  it('connects to server-everything over Streamable HTTP and sends the configured headers', async () => {
    const server = await serve(startEverythingHttp);
    const conn = connect(remote('everything-http', 'http', server.url, { 'X-Switchboard-Test': 'secret-123' }));
    await conn.start();
    expect(conn.state()).toMatchObject({ kind: 'ready', transport: 'http' });
    expect(conn.tools().map((t) => t.name)).toContain('echo');
    const result = await conn.callTool('echo', { message: 'over http' }, { timeoutMs: 10_000 });
    expect(textOf(result)).toContain('over http');
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((r) => r.headers['x-switchboard-test'] === 'secret-123')).toBe(true);
  });

  it('starts a new session transparently when the server answers 404 to the old one', async () => {
    const server = await serve(startEverythingHttp);
    const conn = connect(remote('everything-http', 'http', server.url));
    await conn.start();
    server.forgetSessions();
    const result = await conn.callTool('echo', { message: 'after 404' }, { timeoutMs: 10_000 });
    expect(textOf(result)).toContain('after 404');
    expect(conn.state().kind).toBe('ready');
    expect(conn.logs().some((l) => /no longer knows our session \(HTTP 404\)/.test(l.text))).toBe(true);
  });

  it('renews the session once for calls that all found it gone, and each of them gets its answer', async () => {
    const server = await serve(startEverythingHttp);
    const conn = connect(remote('everything-http', 'http', server.url));
    await conn.start();
    server.forgetSessions();
    const results = await Promise.all([1, 2, 3].map((i) => conn.callTool('echo', { message: `call ${i}` }, { timeoutMs: 10_000 })));
    expect(results.map(textOf)).toEqual([1, 2, 3].map((i) => expect.stringContaining(`call ${i}`)));
    expect(conn.logs().filter((l) => /no longer knows our session \(HTTP 404\)/.test(l.text))).toHaveLength(1);
  });

  it('falls back to legacy SSE when the Streamable HTTP initialize gets a 4xx', async () => {
    const server = await serve(startEverythingSse);
    const conn = connect(remote('everything-sse', 'auto', server.url, { 'X-Switchboard-Test': 'sse-1' }));
    await conn.start();
    expect(conn.state()).toMatchObject({ kind: 'ready', transport: 'sse' });
    expect(conn.tools().map((t) => t.name)).toContain('echo');
    expect(conn.logs().some((l) => /trying legacy SSE/.test(l.text))).toBe(true);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/sse' });
    expect(server.requests.some((r) => r.method === 'GET' && r.headers['x-switchboard-test'] === 'sse-1')).toBe(true);
    const result = await conn.callTool('echo', { message: 'over sse' }, { timeoutMs: 10_000 });
    expect(textOf(result)).toContain('over sse');
  });

  it('uses server-filesystem on a temp dir', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sb-fs-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, 'hello.txt'), 'hello from the temp dir');
    const conn = connect(stdio('filesystem', serverBins.filesystem, [dir]));
    await conn.start();
    expect(conn.state().kind).toBe('ready');
    const tool = conn.tools().find((t) => t.name === 'read_text_file') ? 'read_text_file' : 'read_file';
    const result = await conn.callTool(tool, { path: path.join(dir, 'hello.txt') }, { timeoutMs: 10_000 });
    expect(textOf(result)).toContain('hello from the temp dir');
  });

  it('uses server-memory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sb-mem-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const def = stdio('memory', serverBins.memory);
    if (def.transport.kind === 'stdio') def.transport.env = { MEMORY_FILE_PATH: path.join(dir, 'memory.jsonl') };
    const conn = connect(def);
    await conn.start();
    expect(conn.state().kind).toBe('ready');
    await conn.callTool('create_entities', { entities: [{ name: 'Ada', entityType: 'person', observations: ['wrote programs'] }] }, { timeoutMs: 10_000 });
    const graph = await conn.callTool('read_graph', {}, { timeoutMs: 10_000 });
    expect(textOf(graph)).toContain('Ada');
  });
});
