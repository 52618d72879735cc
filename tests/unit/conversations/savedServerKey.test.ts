import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../app/base/logger.ts';
import { ConversationStore } from '../../../app/conversations/conversationStore.ts';
import { useTempDirs } from '../../support/tempDir.ts';

const tempDir = useTempDirs();

/** A conversation as files were written before the server key was called `server`. */
const oldFormat = {
  version: 1,
  id: 'old-one',
  title: 'Weather',
  createdAt: 1,
  updatedAt: 2,
  transcript: [],
  messages: [
    { role: 'user', id: 'u1', createdAt: 1, text: 'Weather in Paris?' },
    {
      role: 'assistant',
      id: 'a1',
      createdAt: 2,
      model: 'claude',
      status: 'complete',
      blocks: [
        { kind: 'text', text: 'Checking.' },
        {
          kind: 'tool',
          call: {
            id: 't1',
            apiName: 'weather__forecast',
            serverName: 'weather',
            toolName: 'forecast',
            input: {},
            status: 'done',
            appCalls: [{ id: 't2', apiName: 'weather__refresh', serverName: 'weather', toolName: 'refresh', input: {}, status: 'done' }],
          },
        },
      ],
      tools: {
        loaded: 1,
        available: 2,
        deferred: true,
        searches: [{ query: 'weather', found: [{ apiName: 'weather__forecast', serverName: 'weather', toolName: 'forecast' }] }],
      },
    },
  ],
};

describe('saved conversations from before the server key was renamed', () => {
  it('load with `server` in every tool call, app call and tool search, and are written back with `server`', async () => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, 'conversations', 'old-one.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(oldFormat));

    const store = new ConversationStore(dataDir, silentLogger);
    const conversation = await store.get('old-one');
    expect(store.damaged).toEqual([]);
    const reply = conversation.messages[1];
    if (reply?.role !== 'assistant') throw new Error('expected the assistant message');
    const block = reply.blocks[1];
    if (block?.kind !== 'tool') throw new Error('expected the tool block');
    expect(block.call.server).toBe('weather');
    expect(block.call).not.toHaveProperty('serverName');
    expect(block.call.appCalls?.[0]?.server).toBe('weather');
    expect(reply.tools?.searches?.[0]?.found[0]).toEqual({ apiName: 'weather__forecast', server: 'weather', toolName: 'forecast' });

    await store.save(conversation);
    await store.flush();
    const written = await readFile(file, 'utf8');
    expect(written).not.toContain('serverName');
    expect(JSON.parse(written).messages[1].blocks[1].call.server).toBe('weather');
  });
});
