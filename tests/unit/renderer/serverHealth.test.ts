// The sidebar's health summary counts every state a person should notice: ready, reconnecting, failing.
import { describe, expect, it } from 'vitest';
import type { ServerView } from '../../../app/api/index.ts';
import { healthDot, healthSentence, serverHealth, toolCounter } from '../../../renderer/shell/serverHealth.ts';

const tool = (name: string): ServerView['tools'][number] => ({ name, apiName: `s__${name}`, description: '', inputSchema: {}, enabled: true });
const server = (name: string, state: ServerView['state'], more: Partial<ServerView> = {}): ServerView => ({
  name,
  entry: { transport: 'http', url: 'http://127.0.0.1:1/mcp', headerKeys: [] },
  disabled: false,
  state,
  tools: [],
  issues: [],
  trust: { trusted: false, autoApproveReadOnly: false },
  launch: { approved: true, status: 'from-form', fingerprint: 'f', target: 'url', commandLine: '', env: [], headerNames: [] },
  inlineSecrets: [],
  ...more,
});
const ready = (name: string, tools: string[]) =>
  server(name, { kind: 'ready', since: 1, transport: 'http', serverName: name, serverVersion: '1' }, { tools: tools.map(tool) });
const reconnecting = (name: string) => server(name, { kind: 'reconnecting', reason: `\`${name}\` stopped answering.`, since: 1, attempt: 2, retryAt: 5 });
const failing = (name: string) => server(name, { kind: 'error', message: 'boom', stderrTail: [], attempt: 1, since: 1 });

describe('server health summary', () => {
  it('counts a reconnecting server and says "1 reconnecting"', () => {
    const health = serverHealth([ready('a', ['x', 'y']), reconnecting('b')]);
    expect(health).toEqual({ ready: 1, active: 2, reconnecting: 1, failing: 0, tools: 2 });
    expect(healthSentence(health)).toBe('1 of 2 servers ready, 2 tools enabled, 1 reconnecting.');
    expect(healthDot(health)).toBe('status-reconnecting');
  });

  it('says reconnecting and errors side by side, errors colouring the dot', () => {
    const health = serverHealth([reconnecting('a'), reconnecting('b'), failing('c'), server('d', { kind: 'stopped' }, { disabled: true })]);
    expect(health).toEqual({ ready: 0, active: 3, reconnecting: 2, failing: 1, tools: 0 });
    expect(healthSentence(health)).toBe('0 of 3 servers ready, 0 tools enabled, 2 reconnecting, 1 with errors.');
    expect(healthDot(health)).toBe('status-error');
  });

  it('is green only when every active server is ready', () => {
    const health = serverHealth([ready('a', ['x'])]);
    expect(
      healthSentence(health, {
        enabledTools: 1,
        estimatedTokens: 120,
        maxTools: 100,
        maxTokens: 20_000,
        over: false,
        deferred: false,
        loadedTools: 1,
        toolSearch: { on: true, afterTools: 128 },
      }),
    ).toBe('1 of 1 server ready, 1 tool enabled. Tool definitions use about 120 tokens per request.');
    expect(healthDot(health)).toBe('status-ready');
    expect(healthDot(serverHealth([]))).toBe('status-stopped');
  });

  it('counts loaded against available tools when the rest wait behind tool search', () => {
    const health = serverHealth([ready('a', ['x', 'y', 'z'])]);
    const budget = {
      enabledTools: 3,
      estimatedTokens: 300,
      maxTools: 2,
      maxTokens: 20_000,
      over: false,
      deferred: true,
      loadedTools: 1,
      toolSearch: { on: true, afterTools: 2 },
    };
    expect(toolCounter(health, budget)).toEqual({ strong: '1', rest: ' of 3 tools loaded' });
    expect(healthSentence(health, budget)).toBe(
      '1 of 1 server ready, 3 tools enabled. 1 of 3 tools loaded with each request; Claude finds the others with tool search.',
    );
    expect(toolCounter(health, { ...budget, deferred: false, over: true, loadedTools: 3 })).toEqual({ strong: '3', rest: ' tools (too many)' });
  });
});
