// Remote servers that fail: HTTP errors with status and body, auth required, nothing listening.
import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServerConnection } from '../../../app/servers/serverConnection.ts';
import { startEverythingHttp } from '../../support/everythingHttp.ts';
import { fastOptions, remote } from './helpers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function answering(status: number, body: string): Promise<string> {
  const server = http.createServer((_req, res) => res.writeHead(status, { 'content-type': 'text/plain' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
}

async function closedPort(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/mcp`;
}

function connect(def: ReturnType<typeof remote>, autoRestart = false): ServerConnection {
  const conn = new ServerConnection(def, { ...fastOptions, autoRestart, backoff: { baseMs: 60_000 }, random: () => 0.5 });
  cleanups.push(() => conn.stop());
  return conn;
}

describe('remote servers that fail', () => {
  it('goes to reconnecting and fails the next call readably when a ready remote server goes away', async () => {
    const server = await startEverythingHttp();
    cleanups.push(() => server.close());
    const conn = connect(remote('gone', 'http', server.url), true);
    await conn.start();
    expect(conn.state().kind).toBe('ready');
    await server.close();
    // Whether the keep-alive or the call notices first, the call says why and never a bare "fetch failed".
    await expect(conn.callTool('echo', { message: 'x' }, { timeoutMs: 10_000 })).rejects.toThrow(
      /^`(echo` on `gone` did not run|gone` lost its connection, so `echo` cannot run now): Could not reach `gone`.* Switchboard is reconnecting/,
    );
    const state = conn.state();
    expect(state).toMatchObject({
      kind: 'reconnecting',
      reason: expect.stringMatching(/^Could not reach `gone` at http:\/\/127\.0\.0\.1:\d+\/mcp: the (connection was refused|server closed the connection)/),
    });
    expect(state).toHaveProperty('retryAt');
  });

  it('reports HTTP 500 with the status and a body excerpt', async () => {
    const url = await answering(500, 'database exploded');
    const conn = connect(remote('broken', 'auto', url));
    await conn.start();
    expect(conn.state()).toMatchObject({ kind: 'error', httpStatus: 500, message: `\`broken\` answered HTTP 500 from ${url}.` });
    const state = conn.state();
    expect(state.kind === 'error' && state.stderrTail.join('\n')).toContain('database exploded');
  });

  it.each([401, 403])('marks HTTP %i as needing authentication, without retrying', async (status) => {
    const url = await answering(status, 'no token');
    const conn = connect(remote('private', 'http', url), true);
    await conn.start();
    const state = conn.state();
    expect(state).toMatchObject({ kind: 'error', httpStatus: status, needsAuth: true });
    expect(state.kind === 'error' && state.message).toContain('needs authentication');
    expect(state).not.toHaveProperty('retryAt');
  });

  it('explains a refused connection and schedules a retry', async () => {
    const url = await closedPort();
    const conn = connect(remote('offline', 'http', url), true);
    await conn.start();
    const state = conn.state();
    expect(state).toMatchObject({ kind: 'error', message: `Could not reach \`offline\` at ${url}: the connection was refused; is the server running?` });
    if (state.kind !== 'error') throw new Error('expected an error state');
    expect(state.retryAt).toBe(state.since + 30_000);
  });

  it('explains a refused connection over legacy SSE too, where only the error text carries the cause', async () => {
    const url = await closedPort();
    const conn = connect(remote('offline-sse', 'sse', url), false);
    await conn.start();
    expect(conn.state()).toMatchObject({
      kind: 'error',
      message: `Could not reach \`offline-sse\` at ${url}: the connection was refused; is the server running?`,
    });
  });

  it('says why a port that fetch refuses to use cannot work', async () => {
    const conn = connect(remote('port9', 'auto', 'http://127.0.0.1:9/mcp'), false);
    await conn.start();
    expect(conn.state()).toMatchObject({ kind: 'error', message: expect.stringMatching(/refuse to connect to .*use another port/) });
  });
});
