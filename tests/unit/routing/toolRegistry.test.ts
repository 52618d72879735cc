import { describe, expect, it } from 'vitest';
import type { Tool } from '@modelcontextprotocol/client';
import { API_TOOL_NAME_PATTERN, assignApiNames, baseApiName, toolKey } from '../../../app/routing/toolNames.ts';
import { buildToolRegistry, type RegistryServerInput } from '../../../app/routing/toolRegistry.ts';
import { validateMessagesRequest } from '../../support/fakeAnthropicValidate.ts';

const tool = (name: string, extra: Partial<Tool> = {}): Tool => ({
  name,
  description: `does ${name}`,
  inputSchema: { type: 'object', properties: {} },
  ...extra,
});
const server = (server: string, tools: Tool[], extra: Partial<RegistryServerInput> = {}): RegistryServerInput => ({
  server,
  tools,
  disabledTools: [],
  serverEnabled: true,
  ...extra,
});

describe('tool names', () => {
  it('joins server and tool with __ and replaces characters the API refuses', () => {
    expect(baseApiName('github', 'search.issues')).toBe('github__search_issues');
    const reg = buildToolRegistry([server('my server', [tool('get/file ü')])]);
    const [entry] = reg.entriesFor('my server');
    expect(entry!.apiName).toBe('my_server__get_file__');
    expect(reg.resolve('my_server__get_file__')).toMatchObject({ server: 'my server', toolName: 'get/file ü' });
  });

  it('gives the same tool on two servers distinct names that map back to each server', () => {
    const reg = buildToolRegistry([server('github', [tool('search')]), server('jira', [tool('search')])]);
    expect(reg.apiTools().map((t) => t.name)).toEqual(['github__search', 'jira__search']);
    expect(reg.resolve('github__search')?.server).toBe('github');
    expect(reg.resolve('jira__search')?.server).toBe('jira');
  });

  it('adds a stable hash suffix when two sanitized names would be equal', () => {
    const reg = buildToolRegistry([server('my.server', [tool('search')]), server('my_server', [tool('search')])]);
    const names = reg.apiTools().map((t) => t.name);
    expect(new Set(names).size).toBe(2);
    for (const n of names) expect(n).toMatch(/^my_server__search_[0-9a-f]{6}$/);
    expect(reg.resolve(reg.entriesFor('my.server')[0]!.apiName)?.server).toBe('my.server');
    expect(reg.resolve(reg.entriesFor('my_server')[0]!.apiName)?.server).toBe('my_server');
  });

  it('cuts names longer than 64 characters and keeps them unique with a hash', () => {
    const long = 'x'.repeat(80);
    const reg = buildToolRegistry([server('srv', [tool(long), tool(long + 'y')])]);
    const names = reg.apiTools().map((t) => t.name);
    expect(names).toHaveLength(2);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(64);
      expect(n).toMatch(API_TOOL_NAME_PATTERN);
    }
    expect(names[0]).not.toBe(names[1]);
  });

  it('assigns the same names whatever order servers and tools arrive in, across rebuilds', () => {
    const pairs = [
      { server: 'a.b', toolName: 'run' },
      { server: 'a_b', toolName: 'run' },
      { server: 'fs', toolName: 'read' },
      { server: 'fs', toolName: 'z'.repeat(70) },
    ];
    const first = assignApiNames(pairs);
    const second = assignApiNames([...pairs].reverse());
    for (const p of pairs) expect(second.get(toolKey(p.server, p.toolName))).toBe(first.get(toolKey(p.server, p.toolName)));
    const r1 = buildToolRegistry([server('a.b', [tool('run')]), server('a_b', [tool('run')])]);
    const r2 = buildToolRegistry([server('a_b', [tool('run')]), server('a.b', [tool('run')])]);
    expect(r1.apiTools()).toEqual(r2.apiTools());
  });

  it('builds 100 servers × 100 tools with valid, unique names that each resolve back', () => {
    const inputs = Array.from({ length: 100 }, (_, s) =>
      server(
        `server-${s}`,
        Array.from({ length: 100 }, (_, t) => tool(`tool.${t}`)),
      ),
    );
    const reg = buildToolRegistry(inputs);
    const names = reg.apiTools().map((t) => t.name);
    expect(names).toHaveLength(10_000);
    expect(new Set(names).size).toBe(10_000);
    for (const s of [0, 42, 99]) {
      for (const entry of reg.entriesFor(`server-${s}`)) {
        expect(entry.apiName).toMatch(API_TOOL_NAME_PATTERN);
        expect(reg.resolve(entry.apiName)).toMatchObject({ server: `server-${s}`, toolName: entry.tool.name });
      }
    }
    expect(reg.resolve('nope__nothing')).toBeUndefined();
  });
});

describe('tool registry', () => {
  it('skips a tool with a malformed schema with a reason and keeps the rest', () => {
    const cyclic: Record<string, unknown> = { type: 'object' };
    cyclic.self = cyclic;
    const reg = buildToolRegistry([
      server('srv', [
        tool('good'),
        tool('no-type', { inputSchema: { properties: {} } as Tool['inputSchema'] }),
        tool('array-type', { inputSchema: { type: 'array' } as unknown as Tool['inputSchema'] }),
        tool('bad-required', { inputSchema: { type: 'object', required: 'x' } as unknown as Tool['inputSchema'] }),
        tool('cyclic', { inputSchema: cyclic as Tool['inputSchema'] }),
      ]),
    ]);
    expect(reg.apiTools().map((t) => t.name)).toEqual(['srv__good']);
    const skipped = reg.entriesFor('srv').filter((e) => e.skippedReason);
    expect(skipped.map((e) => e.tool.name)).toEqual(['no-type', 'array-type', 'bad-required', 'cyclic']);
    expect(skipped.every((e) => e.apiName === '' && !e.enabled)).toBe(true);
    expect(reg.warnings).toHaveLength(4);
    expect(reg.warnings[0]!.message).toContain('"type": "object"');
  });

  it('never offers a tool that runs only as a task when its server runs no tasks, and says why on its entry', () => {
    const taskOnly = { execution: { taskSupport: 'required' } } as Partial<Tool>;
    const taskOptional = { execution: { taskSupport: 'optional' } } as Partial<Tool>;
    const reg = buildToolRegistry([server('everything', [tool('echo'), tool('simulate-research-query', taskOnly), tool('maybe-task', taskOptional)])]);
    expect(reg.apiTools().map((t) => t.name)).toEqual(['everything__echo', 'everything__maybe-task']);
    expect(reg.resolve('everything__simulate-research-query')).toBeUndefined();
    const entry = reg.entriesFor('everything').find((e) => e.tool.name === 'simulate-research-query');
    expect(entry?.skippedReason).toMatch(/runs only as a long-running MCP task, and its server does not offer tasks/);
  });

  it('offers a tool that runs only as a task when its server runs tasks in a revision the host speaks', () => {
    const taskOnly = { execution: { taskSupport: 'required' } } as Partial<Tool>;
    const reg = buildToolRegistry([{ ...server('everything', [tool('echo'), tool('simulate-research-query', taskOnly)]), runsTasks: true }]);
    expect(reg.apiTools().map((t) => t.name)).toEqual(['everything__echo', 'everything__simulate-research-query']);
    expect(reg.resolve('everything__simulate-research-query')?.toolName).toBe('simulate-research-query');
  });

  it('offers only enabled tools of enabled servers, sorted, with the schema and description', () => {
    const reg = buildToolRegistry([
      server('zeta', [tool('b'), tool('a')]),
      server('alpha', [tool('x'), tool('hidden')], { disabledTools: ['hidden'] }),
      server('off', [tool('y')], { serverEnabled: false }),
    ]);
    expect(reg.apiTools().map((t) => t.name)).toEqual(['alpha__x', 'zeta__a', 'zeta__b']);
    expect(reg.apiTools()[0]).toEqual({ name: 'alpha__x', description: 'does x', input_schema: { type: 'object', properties: {} } });
    expect(reg.resolve('alpha__hidden')).toBeUndefined();
    expect(reg.entriesFor('alpha').map((e) => [e.tool.name, e.apiName, e.enabled])).toEqual([
      ['x', 'alpha__x', true],
      ['hidden', 'alpha__hidden', false],
    ]);
    expect(reg.entriesFor('off')[0]).toMatchObject({ apiName: 'off__y', enabled: false });
  });

  it('keeps only the first of two tools with the same name on one server', () => {
    const reg = buildToolRegistry([server('srv', [tool('dup'), tool('dup')])]);
    expect(reg.apiTools()).toHaveLength(1);
    expect(reg.entriesFor('srv')[1]!.skippedReason).toContain('more than once');
  });

  it('estimates the token cost of the tool list', () => {
    const small = buildToolRegistry([server('s', [tool('a')])]).estimateTokens();
    const big = buildToolRegistry([
      server(
        's',
        Array.from({ length: 50 }, (_, i) => tool(`t${i}`)),
      ),
    ]).estimateTokens();
    expect(small).toBeGreaterThan(0);
    expect(big).toBeGreaterThan(small * 20);
  });

  it('produces a tool list the strict API accepts, whatever the servers call their tools', () => {
    const reg = buildToolRegistry([
      server('git hub', [tool('search.issues'), tool('search issues'), tool('ü'.repeat(70))]),
      server('git_hub', [tool('search.issues')]),
      server('x'.repeat(70), [tool('run')]),
    ]);
    const body = { model: 'm', max_tokens: 1, tools: reg.apiTools(), messages: [{ role: 'user', content: 'hi' }] };
    expect(validateMessagesRequest(body)).toBeUndefined();
    expect(reg.apiTools()).toHaveLength(5);
  });
});
