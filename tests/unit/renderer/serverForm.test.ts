import { describe, expect, it } from 'vitest';
import type { ServerView } from '../../../app/api/index.ts';
import { emptyForm, formFromView, formToParams, mapIssues, validateForm } from '../../../renderer/features/settings/serverForm.ts';

const view: ServerView = {
  name: 'github',
  entry: { transport: 'stdio', command: 'npx', args: ['-y', 'server-github'], envKeys: ['GITHUB_TOKEN'] },
  disabled: false,
  trust: { trusted: false, autoApproveReadOnly: false },
  launch: {
    approved: true,
    status: 'from-form',
    fingerprint: 'f',
    target: 'command',
    commandLine: 'npx -y server-github',
    env: [{ name: 'GITHUB_TOKEN', secret: true, flagged: false }],
    headerNames: [],
  },
  state: { kind: 'stopped' },
  tools: [],
  issues: [],
  inlineSecrets: [],
};

describe('server form', () => {
  it('keeps secret values it never saw and sends only what the person typed', () => {
    const form = formFromView(view);
    form.env.push({ id: 999, key: 'EXTRA', value: 'typed', existing: false });
    expect(formToParams(form)).toEqual({
      previousName: 'github',
      name: 'github',
      entry: { transport: 'stdio', command: 'npx', args: ['-y', 'server-github'], env: { GITHUB_TOKEN: { keep: true }, EXTRA: 'typed' } },
      disabled: false,
    });
  });

  it("keeps the entry's protocol era through an edit, and sends none for the default", () => {
    const asked = formFromView({ ...view, entry: { ...view.entry, protocol: 'auto' } as ServerView['entry'] });
    expect(asked.protocol).toBe('auto');
    expect(formToParams(asked).entry).toMatchObject({ protocol: 'auto' });
    expect(formToParams(formFromView(view)).entry).not.toHaveProperty('protocol');
  });

  it('sends a value the person marked secret as secret, whatever its name', () => {
    const form = formFromView(view);
    form.env.push({ id: 998, key: 'WORKSPACE', value: 'acme-prod-workspace', existing: false, secret: true });
    expect(formToParams(form).entry).toMatchObject({ env: { WORKSPACE: { value: 'acme-prod-workspace', secret: true } } });
  });

  it('checks fields before sending: name, duplicate name, command, URL scheme, env names', () => {
    const form = { ...emptyForm(), name: 'github' };
    expect(validateForm(form, ['github'])).toMatchObject({ name: expect.stringContaining('already'), command: expect.any(String) });
    const remote = { ...emptyForm(), name: 'r', kind: 'remote' as const, url: 'file:///etc/passwd' };
    expect(validateForm(remote, []).url).toMatch(/http/);
    const env = { ...emptyForm(), name: 'x', command: 'node', env: [{ id: 1, key: '1BAD', value: 'v', existing: false }] };
    expect(validateForm(env, [])['env:1']).toBeDefined();
  });

  it('maps host issue paths back to the field they belong to', () => {
    const form = formFromView(view);
    const errors = mapIssues(form, [
      { path: 'entry.command', message: 'Not found.' },
      { path: 'mcpServers.github.args[1]', message: 'Bad arg.' },
      { path: 'entry.env.GITHUB_TOKEN', message: 'Empty.' },
      { path: 'somewhere.else', message: 'Other.' },
    ]);
    expect(errors.command).toBe('Not found.');
    expect(errors[`arg:${form.args[1]!.id}`]).toBe('Bad arg.');
    expect(errors[`env:${form.env[0]!.id}`]).toBe('Empty.');
    expect(errors.form).toBe('Other.');
  });
});
