// An app's Content-Security-Policy: only declared https/wss origins, and the policy placed before any of the app's markup.
import { describe, expect, it } from 'vitest';
import { buildAppCsp, declaredCsp, withCsp } from '../../../app/apps/appCsp.ts';

describe('app CSP', () => {
  it('keeps declared https and wss origins and drops loopback, plain http, paths, keywords and junk', () => {
    const csp = declaredCsp({
      connectDomains: [
        'https://api.example.com',
        'wss://live.example.com:8443',
        'ws://127.0.0.1:*',
        'http://evil.test',
        'https://localhost:3000',
        "'unsafe-eval'",
        'https://a.example.com/path',
        42,
        'https://*.tiles.example.org',
      ],
      resourceDomains: ['https://cdn.example.com/', 'https://x.example.com; script-src *'],
    });
    expect(csp.connectDomains).toEqual(['https://api.example.com', 'wss://live.example.com:8443', 'https://*.tiles.example.org']);
    expect(csp.resourceDomains).toEqual(['https://cdn.example.com']);
    expect(csp.frameDomains).toEqual([]);
    expect(declaredCsp(undefined)).toEqual({ connectDomains: [], resourceDomains: [], frameDomains: [], baseUriDomains: [] });
  });

  it('denies all network when nothing is declared, and allows exactly the declared origins otherwise', () => {
    const none = buildAppCsp(declaredCsp(undefined));
    expect(none).toContain("default-src 'none'");
    expect(none).toContain("connect-src 'none'");
    expect(none).toContain("frame-src 'none'");
    expect(none).toContain("form-action 'none'");
    expect(none).not.toMatch(/https:|\*/);
    expect(none).toContain("webrtc 'block'");
    const some = buildAppCsp(declaredCsp({ connectDomains: ['https://api.example.com'], resourceDomains: ['https://cdn.example.com'] }));
    expect(some).toContain('connect-src https://api.example.com');
    expect(some).toMatch(/script-src [^;]*https:\/\/cdn\.example\.com/);
  });

  it('puts the policy right after the doctype, before anything of the app, and escapes quotes', () => {
    const policy = `default-src 'none'; x "y"`;
    const html = withCsp('<!DOCTYPE html>\n<html><head><script>evil()</script></head></html>', policy);
    expect(html.startsWith('<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; x &quot;y&quot;">')).toBe(true);
    expect(withCsp('<script>first()</script>', policy).startsWith('<meta http-equiv="Content-Security-Policy"')).toBe(true);
    // WebRTC's constructors are gone before the app's first script (issue 24).
    const withRemoval = withCsp('<script>first()</script>', policy);
    expect(withRemoval.indexOf('delete window[n]')).toBeGreaterThan(0);
    expect(withRemoval.indexOf('RTCPeerConnection')).toBeLessThan(withRemoval.indexOf('first()'));
    expect(withCsp('\uFEFF  <!doctype html><p>hi', policy)).toMatch(/^\s*<!doctype html><meta /);
  });
});
