// Install links in the shapes READMEs publish.
import { describe, expect, it } from 'vitest';
import { parseInstallLink } from '../../../app/install/installLink.ts';

const entry = { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] };

describe('parseInstallLink', () => {
  it('reads switchboard://install with URL-encoded JSON or base64', () => {
    const json = `switchboard://install?name=memory&config=${encodeURIComponent(JSON.stringify(entry))}`;
    const b64 = `switchboard://install?name=memory&config=${Buffer.from(JSON.stringify(entry)).toString('base64url')}`;
    for (const link of [json, b64]) expect(parseInstallLink(link)).toEqual({ shape: 'switchboard', name: 'memory', entry });
  });

  it("reads VS Code's vscode:mcp/install?{json} with the name inside", () => {
    const link = `vscode:mcp/install?${encodeURIComponent(JSON.stringify({ name: 'docs', type: 'http', url: 'https://docs.example.com/mcp' }))}`;
    expect(parseInstallLink(link)).toEqual({ shape: 'vscode', name: 'docs', entry: { type: 'http', url: 'https://docs.example.com/mcp' } });
    expect(parseInstallLink(`vscode-insiders:mcp/install?${encodeURIComponent(JSON.stringify({ name: 'm', type: 'stdio', ...entry }))}`).entry).toEqual(entry);
  });

  it("reads Cursor's …/mcp/install?name=…&config=<base64>", () => {
    const link = `cursor://anysphere.cursor-deeplink/mcp/install?name=memory&config=${Buffer.from(JSON.stringify(entry)).toString('base64')}`;
    expect(parseInstallLink(link)).toEqual({ shape: 'cursor', name: 'memory', entry });
  });

  it('explains links it cannot use', () => {
    expect(() => parseInstallLink('https://example.com/install?name=x&config=e30=')).toThrow(/does not install from https:/);
    expect(() => parseInstallLink('switchboard://install?config=e30=')).toThrow('`name=` is missing');
    expect(() => parseInstallLink('switchboard://install?name=x')).toThrow('`config=` is missing');
    expect(() => parseInstallLink('switchboard://install?name=x&config=%7Bnope')).toThrow(/not valid JSON/);
    expect(() => parseInstallLink('not a link')).toThrow(/not an install link/);
  });
});
