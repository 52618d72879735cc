import { describe, expect, it } from 'vitest';
import { settledSplit } from '../../renderer/features/chat/settledSplit.ts';

describe('settledSplit', () => {
  it('cuts after the last blank line so finished paragraphs are not parsed again', () => {
    const text = 'First paragraph.\n\nSecond paragraph.\n\nStill stream';
    expect(text.slice(settledSplit(text))).toBe('Still stream');
  });

  it('never cuts inside a code fence', () => {
    const text = 'Intro.\n\n```js\nconst a = 1;\n\nconst b = 2;';
    expect(text.slice(0, settledSplit(text))).toBe('Intro.\n\n');
  });

  it('does not cut when a list, a table or a reference definition could span the cut', () => {
    expect(settledSplit('1. one\n\n2. two')).toBe(0);
    expect(settledSplit('Para.\n\n| a | b |\n|---|---|')).toBe(0);
    expect(settledSplit('See [x].\n\n[x]: https://example.com')).toBe(0);
  });

  it('does not cut text with no blank line', () => {
    expect(settledSplit('just one line growing')).toBe(0);
  });
});
