// One way to persist: the atomic writer orders writes per path; a JsonDocument validates on load and sets
// a damaged file aside with a problem for the person.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeFileAtomic, writesSettled } from '../../../app/base/atomicFile.ts';
import { JsonDocument } from '../../../app/base/jsonDocument.ts';
import { silentLogger } from '../../../app/base/logger.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'sb-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('lands writes to one path in the order they were asked for, however long each takes', async () => {
    const file = path.join(dir, 'ordered.json');
    // The first writes are the largest, so without ordering they would finish last.
    const writes = Array.from({ length: 20 }, (_, i) => writeFileAtomic(file, `${i}\n${'x'.repeat((20 - i) * 200_000)}`));
    await Promise.all(writes);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('19');
  });

  it('lets a reader wait until the writes asked for so far have landed', async () => {
    const file = path.join(dir, 'settled.json');
    void writeFileAtomic(file, 'one');
    void writeFileAtomic(file, 'two');
    await writesSettled(file);
    expect(readFileSync(file, 'utf8')).toBe('two');
  });
});

describe('JsonDocument', () => {
  const schema = z.object({ count: z.number() });

  it('loads a valid file and nothing when there is none', async () => {
    const file = path.join(dir, 'good.json');
    const doc = new JsonDocument(file, schema, silentLogger);
    expect(await doc.load()).toBeUndefined();
    await doc.save({ count: 3 });
    expect(await doc.load()).toEqual({ count: 3 });
    expect(doc.problem).toBeUndefined();
  });

  it('sets aside a file that is not JSON, keeping a copy, and says why', async () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{"count": 3');
    const doc = new JsonDocument(file, schema, silentLogger);
    expect(await doc.load()).toBeUndefined();
    expect(doc.problem).toMatch(/broken\.json could not be used because it is not valid JSON/);
    expect(readFileSync(`${file}.damaged`, 'utf8')).toBe('{"count": 3');
  });

  it('sets aside a file of the wrong shape, naming where', async () => {
    const file = path.join(dir, 'shape.json');
    writeFileSync(file, '{"count": "three"}');
    const doc = new JsonDocument(file, schema, silentLogger);
    expect(await doc.load()).toBeUndefined();
    expect(doc.problem).toMatch(/unexpected shape at count/);
    expect(existsSync(`${file}.damaged`)).toBe(true);
  });

  it('never overwrites an earlier damaged copy that differs: the next one gets its own name', async () => {
    const file = path.join(dir, 'twice.json');
    const doc = new JsonDocument(file, schema, silentLogger);
    writeFileSync(file, '{"count": 1');
    await doc.load();
    // Loaded again unchanged: the same copy, no second one.
    await doc.load();
    expect(existsSync(`${file}.damaged-2`)).toBe(false);
    writeFileSync(file, '{"count": 2');
    await doc.load();
    expect(doc.problem).toMatch(/kept as twice\.json\.damaged-2\.$/);
    expect(readFileSync(`${file}.damaged`, 'utf8')).toBe('{"count": 1');
    expect(readFileSync(`${file}.damaged-2`, 'utf8')).toBe('{"count": 2');
  });

  it('reads through a codec, and sets aside a file the codec cannot decode', async () => {
    const file = path.join(dir, 'coded.json');
    const codec = {
      encode: async (plain: string) => `v1:${Buffer.from(plain).toString('base64')}`,
      decode: async (stored: string) => {
        if (!stored.startsWith('v1:')) throw new Error('not made by this key');
        return Buffer.from(stored.slice(3), 'base64').toString();
      },
    };
    const doc = new JsonDocument(file, schema, silentLogger, codec);
    await doc.save({ count: 4 });
    expect(readFileSync(file, 'utf8')).toMatch(/^v1:/);
    expect(await doc.load()).toEqual({ count: 4 });
    writeFileSync(file, 'v0:other-key');
    expect(await doc.load()).toBeUndefined();
    expect(doc.problem).toMatch(/could not be decrypted \(not made by this key\)/);
    expect(readFileSync(`${file}.damaged`, 'utf8')).toBe('v0:other-key');
  });
});
