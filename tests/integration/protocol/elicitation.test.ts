// A server's elicitation through the host: the form with its defaults, answers checked in the core,
// decline, URL mode never fetched, and cancellation when the server goes away.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElicitationView } from '../../../app/api/views.ts';
import { replay } from '../../../renderer/store/pendingChange.ts';
import { everything, resultText, startProtocolHarness, type ProtocolHarness } from './protocolHarness.ts';

let p: ProtocolHarness;

beforeAll(async () => {
  p = await startProtocolHarness({ everything: everything() });
});

afterAll(async () => {
  await p?.close();
});

async function waitPending(): Promise<ElicitationView> {
  const found = await p.h.waitFor(() => replay(p.seen('elicitation.changed'))[0], 'a pending elicitation');
  expect(await p.h.host.call('elicitation.list', {})).toEqual([found]);
  return found;
}

describe('form elicitation', () => {
  it('shows the form with its defaults, rejects answers that do not fit with field errors, and sends valid ones', async () => {
    const id = await p.callTool('everything__trigger-elicitation-request', {});
    const form = await waitPending();
    expect(form).toMatchObject({ server: 'everything', mode: 'form', message: 'Please provide inputs for the following fields:' });
    if (form.mode !== 'form') throw new Error('expected a form');
    expect(form.defaults).toEqual({
      firstLine: 'It was a dark and stormy night.',
      integer: 42,
      number: 3.14,
      untitledSingleSelectEnum: 'Monica',
      untitledMultipleSelectEnum: ['Guitar'],
      titledSingleSelectEnum: 'hero-1',
      titledMultipleSelectEnum: ['fish-1'],
      legacyTitledEnum: 'pet-1',
    });

    const bad = p.h.host.call('elicitation.respond', {
      id: form.id,
      action: 'accept',
      content: {
        ...form.defaults,
        integer: 500,
        email: 'not-an-email',
        titledSingleSelectEnum: 'hero-9',
        birthdate: '2024-02-30',
        untitledMultipleSelectEnum: [],
      },
    } as never);
    const error = await bad.catch((e: { code: string; issues: { path: string }[] }) => e);
    expect(error).toMatchObject({ code: 'invalid-params' });
    expect((error as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual(
      ['content.birthdate', 'content.email', 'content.integer', 'content.name', 'content.titledSingleSelectEnum', 'content.untitledMultipleSelectEnum'].sort(),
    );
    expect((await p.h.host.call('elicitation.list', {})).map((e) => e.id)).toEqual([form.id]);

    await p.h.host.call('elicitation.respond', {
      id: form.id,
      action: 'accept',
      content: { ...form.defaults, name: 'Ada Lovelace', email: 'ada@example.com', check: true, birthdate: '1815-12-10' },
    } as never);
    const call = await p.settledCall(id);
    expect(call.status).toBe('done');
    expect(resultText(call)).toContain('User provided the requested information');
    expect(resultText(call)).toContain('- Name: Ada Lovelace');
    expect(resultText(call)).toContain('- Favorite Integer: 42');
    expect(replay(p.seen('elicitation.changed'))).toEqual([]);
    await p.h.waitForTurn(id);
  });

  it('applies the schema defaults in the core when an accepted answer leaves those fields out', async () => {
    const id = await p.callTool('everything__trigger-elicitation-request', {});
    const form = await waitPending();
    await p.h.host.call('elicitation.respond', {
      id: form.id,
      action: 'accept',
      content: { name: 'Ada Lovelace', email: 'ada@example.com', check: true, birthdate: '1815-12-10' },
    } as never);
    const call = await p.settledCall(id);
    expect(call.status).toBe('done');
    expect(resultText(call)).toContain('- Name: Ada Lovelace');
    expect(resultText(call)).toContain('- Favorite Integer: 42');
    expect(resultText(call)).toContain('It was a dark and stormy night.');
    await p.h.waitForTurn(id);
  });

  it('tells the server when the person declines', async () => {
    const id = await p.callTool('everything__trigger-elicitation-request', {});
    const form = await waitPending();
    expect(await p.h.host.call('elicitation.respond', { id: form.id, action: 'decline' })).toEqual({ responded: true });
    expect(resultText(await p.settledCall(id))).toContain('User declined');
    await p.h.waitForTurn(id);
  });
});

describe('URL elicitation', () => {
  it('shows the full URL, never fetches it, and tells the server the person consented', async () => {
    let hits = 0;
    const site = http.createServer((_req, res) => {
      hits++;
      res.end('hello');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/authorize?state=abc`;
    try {
      const id = await p.callTool('everything__trigger-url-elicitation', { url, message: 'Sign in, please.' });
      const pending = await waitPending();
      expect(pending).toMatchObject({ mode: 'url', url, host: new URL(url).host, message: 'Sign in, please.' });
      await p.h.host.call('elicitation.respond', { id: pending.id, action: 'accept' });
      const call = await p.settledCall(id);
      expect(resultText(call)).toContain('User completed the URL elicitation flow');
      await p.h.waitForTurn(id);
      expect(hits).toBe(0);
    } finally {
      await new Promise<void>((resolve) => site.close(() => resolve()));
    }
  });
});

describe('cancellation', () => {
  it('drops a pending elicitation when its server disconnects', async () => {
    const id = await p.callTool('everything__trigger-elicitation-request', {});
    await waitPending();
    await p.h.host.call('servers.restart', { server: 'everything' });
    await p.h.waitFor(() => replay(p.seen('elicitation.changed')).length === 0, 'the elicitation to be dropped');
    expect(await p.h.host.call('elicitation.list', {})).toEqual([]);
    await p.settledCall(id);
    await p.h.waitForTurn(id);
    await p.h.waitForServer('everything', 'ready');
  });
});
