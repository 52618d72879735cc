import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../app/base/logger.ts';
import { API_KEY_MASK as REDACTED, Redactor, redactingLogger, secretsOfServer } from '../../../app/secrets/index.ts';

const mask = (name: string) => `\u2039secret ${name}\u203a`;

const apiKey = 'sk-ant-api03-AbCdEf_1234567890-xyz';

function memoryLogger(): Logger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, ...(fields ? { fields } : {}) });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('Redactor', () => {
  it('redacts the API key in nested fields of an event payload without changing the original', () => {
    const redactor = new Redactor();
    redactor.setApiKey(apiKey);
    const payload = { type: 'error', detail: { headers: [{ name: 'x-api-key', value: apiKey }], note: `key=${apiKey}.` }, n: 3, ok: true };
    const clean = redactor.redactDeep(payload);
    expect(clean).toEqual({ type: 'error', detail: { headers: [{ name: 'x-api-key', value: REDACTED }], note: `key=${REDACTED}.` }, n: 3, ok: true });
    expect(payload.detail.note).toContain(apiKey);
    expect(JSON.stringify(clean)).not.toContain('sk-ant');
  });

  it('redacts the API key in log lines, messages and fields alike', () => {
    const redactor = new Redactor();
    redactor.setApiKey(apiKey);
    const inner = memoryLogger();
    const log = redactingLogger(inner, redactor);
    log.info(`calling with ${apiKey}`, { request: { headers: { 'x-api-key': apiKey } }, error: new Error(`bad key ${apiKey}`) });
    log.error('plain', undefined);
    const text = JSON.stringify(inner.lines);
    expect(text).not.toContain(apiKey);
    expect(inner.lines[0]!.message).toBe(`calling with ${REDACTED}`);
    expect(inner.lines[0]!.fields).toMatchObject({ request: { headers: { 'x-api-key': REDACTED } }, error: { message: `bad key ${REDACTED}` } });
    expect(inner.lines[1]).toEqual({ level: 'error', message: 'plain' });
  });

  it('redacts anything shaped like an Anthropic key even when it is not the configured one', () => {
    expect(new Redactor().redact('old key sk-ant-api03-zzzzzzzzzzzz in a log')).toBe(`old key ${REDACTED} in a log`);
  });

  it('redacts the secret env and header values of a server, in the forms they take in logs, as a named mask', () => {
    const redactor = new Redactor();
    redactor.set(
      'server:gh',
      secretsOfServer({ kind: 'stdio', command: 'gh-mcp', args: [], env: { GITHUB_TOKEN: 'ghp_secretvalue99', DB_PASSWORD: 'p"a\\ss word' } }),
    );
    redactor.set('server:web', secretsOfServer({ kind: 'http', url: 'https://x.test/mcp', headers: { Authorization: 'Bearer abcdef123456' } }));
    expect(redactor.redact('token ghp_secretvalue99 used')).toBe(`token ${mask('GITHUB_TOKEN')} used`);
    expect(redactor.redact(JSON.stringify({ p: 'p"a\\ss word' }))).toBe(`{"p":"${mask('DB_PASSWORD')}"}`);
    expect(redactor.redact('GET /x?pass=p%22a%5Css%20word')).toBe(`GET /x?pass=${mask('DB_PASSWORD')}`);
    expect(redactor.redact('Authorization: Bearer abcdef123456')).toBe(`Authorization: ${mask('Authorization')}`);
    expect(redactor.redact('sent abcdef123456 alone')).toBe(`sent ${mask('Authorization')} alone`);
    redactor.delete('server:gh');
    expect(redactor.redact('ghp_secretvalue99')).toBe('ghp_secretvalue99');
  });

  it("never hides a value that is not a secret: another entry's header path stays intact in a tool input", () => {
    const redactor = new Redactor();
    redactor.set('server:remote', secretsOfServer({ kind: 'http', url: 'https://x.test/mcp', headers: { 'X-Identity-File': '/root/.ssh/id_rsa' } }));
    redactor.set(
      'server:cfg',
      secretsOfServer({ kind: 'stdio', command: 'x', args: [], env: { LOG_DIR: '/var/log/switchboard', NODE_OPTIONS: '--require /tmp/e.js' } }),
    );
    const approval = { server: 'shell', tool: 'run', input: { command: 'cat /root/.ssh/id_rsa' }, note: 'logs in /var/log/switchboard' };
    expect(redactor.redactDeep(approval)).toBe(approval);
  });

  it('does not treat values under 8 characters as secrets, but always redacts the API key', () => {
    const redactor = new Redactor();
    redactor.set('server:s', secretsOfServer({ kind: 'stdio', command: 'x', args: [], env: { API_KEY: 'abc1234', TOKEN: 'abcd1234' } }));
    redactor.setApiKey('abc');
    expect(redactor.redact('abc1234 abcd1234')).toBe(`${REDACTED}1234 ${mask('TOKEN')}`);
  });

  it('never rewrites a server name that contains a secret value', () => {
    const redactor = new Redactor();
    redactor.set('server:x', [{ name: 'DB_TOKEN', value: 'prodsecret' }]);
    redactor.protect(['my-prodsecret-db']);
    expect(redactor.redact('The server "my-prodsecret-db" failed; token prodsecret was refused.')).toBe(
      `The server "my-prodsecret-db" failed; token ${mask('DB_TOKEN')} was refused.`,
    );
  });

  it('prefers the longest secret when one contains another', () => {
    const redactor = new Redactor();
    redactor.set('a', [{ name: 'A_TOKEN', value: 'secret-part' }]);
    redactor.set('b', [{ name: 'B_TOKEN', value: 'secret-part-and-more' }]);
    expect(redactor.redact('x secret-part-and-more y')).toBe(`x ${mask('B_TOKEN')} y`);
  });

  it('treats regex characters in secrets literally', () => {
    const redactor = new Redactor();
    redactor.set('s', [{ name: 'S_KEY', value: 'a.b*c(d)|e$' }]);
    expect(redactor.redact('a.b*c(d)|e$ and aXbbbc')).toBe(`${mask('S_KEY')} and aXbbbc`);
  });

  it('knows only values whose names say they are secrets', () => {
    expect(
      secretsOfServer({ kind: 'stdio', command: 'x', args: [], env: { NODE_OPTIONS: '--require /tmp/e.js', HOME_DIR: '/home/me', API_KEY: 'value-123' } }),
    ).toEqual([{ name: 'API_KEY', value: 'value-123' }]);
    expect(secretsOfServer({ kind: 'http', url: 'https://x', headers: { Authorization: 'Bearer x', 'X-Region': 'eu-west-1' } })).toEqual([
      { name: 'Authorization', value: 'Bearer x' },
    ]);
    expect(secretsOfServer({ kind: 'stdio', command: 'x', args: [], env: { WORKSPACE: 'acme-prod' } }, new Set(['WORKSPACE']))).toEqual([
      { name: 'WORKSPACE', value: 'acme-prod' },
    ]);
  });

  it('handles many secrets and cyclic payloads', () => {
    const redactor = new Redactor();
    const secrets = Array.from({ length: 2000 }, (_, i) => ({ name: 'MANY_TOKEN', value: `secret-value-${i}-padding` }));
    redactor.set('many', secrets);
    const text = secrets
      .slice(0, 500)
      .map((s) => s.value)
      .join(' | ');
    expect(redactor.redact(text)).toBe(Array(500).fill(mask('MANY_TOKEN')).join(' | '));
    const cyclic: Record<string, unknown> = { a: 'secret-value-7-padding' };
    cyclic.self = cyclic;
    const clean = redactor.redactDeep(cyclic);
    expect(clean.a).toBe(mask('MANY_TOKEN'));
  });

  it('turns errors into plain data, keeping their own fields redacted', () => {
    const redactor = new Redactor();
    redactor.setApiKey(apiKey);
    const error = Object.assign(new Error(`failed with ${apiKey}`), { code: 'auth', detail: apiKey });
    expect(redactor.redactDeep({ error })).toMatchObject({ error: { name: 'Error', message: `failed with ${REDACTED}`, code: 'auth', detail: REDACTED } });
  });

  it('returns the same object when there is nothing to redact', () => {
    const redactor = new Redactor();
    redactor.setApiKey(apiKey);
    const payload = { a: [1, 'two', { three: 3 }] };
    expect(redactor.redactDeep(payload)).toBe(payload);
  });
});
