// The desktop redirect target (RFC 8252 §7.3): 127.0.0.1 on a port the OS picks, only GET /oauth/callback.
import { afterEach, describe, expect, it } from 'vitest';
import { LoopbackListener } from '../../../app/auth/loopbackListener.ts';

let listener: LoopbackListener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

describe('the loopback listener', () => {
  it('listens on 127.0.0.1 and hands only GET /oauth/callback queries to the core', async () => {
    listener = new LoopbackListener();
    const seen: string[] = [];
    listener.attach(async (q) => {
      seen.push(q.get('state') ?? '');
      return { ok: true, message: 'Fine <b>really</b>.' };
    });
    const url = await listener.redirectUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect(await listener.redirectUrl()).toBe(url);

    const ok = await fetch(`${url}?state=abc&code=1`);
    expect(ok.status).toBe(200);
    const page = await ok.text();
    expect(page).toContain('Fine &#60;b&#62;really&#60;/b&#62;.');
    expect(page).not.toContain('<script');
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");

    expect((await fetch(new URL('/other', url))).status).toBe(404);
    expect((await fetch(url, { method: 'POST', body: 'state=x' })).status).toBe(404);
    expect(seen).toEqual(['abc']);
  });
});
