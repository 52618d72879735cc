import { describe, expect, it } from 'vitest';
import { settledBlocks, settledSplit } from '../../../renderer/features/chat/settledSplit.ts';

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

describe('settledBlocks', () => {
  it('cuts the settled head into paragraphs that join back to it exactly', () => {
    const head = 'One.\n\nTwo\nlines.\n\nThree.\n\n';
    expect(settledBlocks(head)).toEqual(['One.\n\n', 'Two\nlines.\n\n', 'Three.\n\n']);
  });

  it('keeps a fenced code block with blank lines, a list, a table and an indented continuation whole', () => {
    const fence = 'Intro.\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter.\n\n';
    expect(settledBlocks(fence)).toEqual(['Intro.\n\n', '```js\nconst a = 1;\n\nconst b = 2;\n```\n\n', 'After.\n\n']);
    const list = '- a\n\n- b\n\n  more of b\n\nEnd.\n\n';
    expect(settledBlocks(list).join('')).toBe(list);
    expect(settledBlocks(list)[0]).toContain('more of b');
    const table = '| a |\n|---|\n| 1 |\n\nNext.\n\n';
    expect(settledBlocks(table).join('')).toBe(table);
  });
});
