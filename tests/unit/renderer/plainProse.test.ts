// The streaming fast path: text taken as plain prose renders exactly as markdown would render it,
// and text with anything markdown would interpret goes through markdown.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../../renderer/features/chat/Markdown.tsx';
import { isPlainProse } from '../../../renderer/features/chat/plainProse.ts';

const html = (text: string, streaming: boolean) => renderToStaticMarkup(createElement(Markdown, { text, streaming }));

const plain = [
  'Next paragraph word word ',
  'Here is what I found, with a few (small) caveats; see below?',
  'It’s “quoted” — and 100% sure; no, wait',
  'Déjà vu über straße 東京 with numbers 3.14 and a/b, x = y + 1!',
  'well-known',
];
const marked = [
  'Some **bold** text',
  'A `code` span',
  'A [link](https://example.com)',
  'Visit https://example.com now',
  'Visit www.example.com now',
  'Mail me@example.com',
  'An &amp; entity',
  'An \\* escape',
  '<b>html</b>',
  '1. a list item',
  '- a bullet',
  '# heading',
  '| a | b |',
  'two lines\nof text',
  'hard  \nbreak',
  '    indented code',
  'snake_case_words',
  '~~struck~~',
];

describe('plain prose while streaming', () => {
  it('takes plain words as prose and anything markdown would interpret as markdown', () => {
    for (const text of plain) expect(isPlainProse(text.trimEnd()), text).toBe(true);
    for (const text of marked) expect(isPlainProse(text.trimEnd()), text).toBe(false);
  });

  it('renders plain prose exactly as markdown renders it', () => {
    for (const text of [...plain, ...marked]) expect(html(text, true), text).toBe(html(text, false));
  });

  it('renders a growing paragraph after settled ones as markdown would', () => {
    // Settled paragraphs render apart, without the newline markdown puts between blocks (not shown).
    const blocks = (s: string) => s.replace(/>\n</g, '><');
    const text = 'First **settled** paragraph.\n\nThen plain words still growing ';
    expect(html(text, true)).toBe(blocks(html(text, false)));
  });
});
