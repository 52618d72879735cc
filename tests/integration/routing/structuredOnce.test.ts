// server-filesystem's results carry their text twice (a text block and `structuredContent: { content }`):
// Claude gets it once, and the cut note counts the file, not the file plus its copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ServerConnection } from '../../../app/servers/serverConnection.ts';
import { mapToolResult } from '../../../app/routing/toolResultContent.ts';
import { serverBins } from '../../support/paths.ts';
import { fastOptions, stdio } from '../servers/helpers.ts';

let dir: string;
let conn: ServerConnection;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sb-structured-'));
  conn = new ServerConnection(stdio('filesystem', serverBins.filesystem, [dir]), fastOptions);
  await conn.start();
  expect(conn.state().kind).toBe('ready');
}, 60_000);

afterAll(async () => {
  await conn.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('structured results from server-filesystem', () => {
  it('sends list_allowed_directories to Claude as one text block, not the text and its JSON copy', async () => {
    const result = await conn.callTool('list_allowed_directories', {}, { timeoutMs: 20_000 });
    expect(result.structuredContent).toBeDefined();
    const mapped = mapToolResult(result);
    expect(mapped.content).toHaveLength(1);
    expect(mapped.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining(dir) });
    expect(mapped.view.structuredContent).toEqual(result.structuredContent);
  });

  it('says how long a cut file really is', async () => {
    const file = path.join(dir, 'big.txt');
    writeFileSync(file, 'x'.repeat(384_999));
    const result = await conn.callTool('read_text_file', { path: file }, { timeoutMs: 20_000 });
    const mapped = mapToolResult(result);
    const texts = mapped.content.map((b) => (b.type === 'text' ? b.text : ''));
    expect(texts).toHaveLength(2);
    expect(texts[0]).toHaveLength(100_000);
    expect(texts[1]).toBe('[Switchboard cut this result: showing the first 100000 of 384999 characters]');
    expect(mapped.view.truncated).toEqual({ originalChars: 384_999, keptChars: 100_000 });
  });
});
