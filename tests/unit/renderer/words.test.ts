// Words shown to people: code marked with backticks renders as code (no literal backtick), counts agree
// with their nouns, search words are highlighted.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { plural, sentences } from '../../../renderer/ui/format.ts';
import { installNote } from '../../../renderer/features/install/installNote.ts';
import { Highlighted } from '../../../renderer/ui/Highlighted.tsx';
import { Prose } from '../../../renderer/ui/Prose.tsx';

const html = (el: ReturnType<typeof createElement>) => renderToStaticMarkup(el);

describe('words for people', () => {
  it('renders `code` spans as code and never shows a backtick', () => {
    expect(html(createElement(Prose, { text: '`npx` was not found on PATH (/usr/bin). Install Node.js.' }))).toBe(
      '<code>npx</code> was not found on PATH (/usr/bin). Install Node.js.',
    );
    expect(html(createElement(Prose, { text: 'An odd ` stays out' }))).toBe('An odd  stays out');
    expect(html(createElement(Prose, { text: '<b>not markup</b> `x`' }))).toBe('&lt;b&gt;not markup&lt;/b&gt; <code>x</code>');
  });

  it('ends a field description with a full stop before the note that follows it', () => {
    expect(sentences('Token for syncing the graph', 'Kept with the server’s secrets.')).toBe('Token for syncing the graph. Kept with the server’s secrets.');
    expect(sentences('Your API key.', 'Kept with the server’s secrets.')).toBe('Your API key. Kept with the server’s secrets.');
    expect(sentences('  Is it on?  ', false)).toBe('Is it on?');
    expect(sentences(undefined, 'Kept with the server’s secrets.')).toBe('Kept with the server’s secrets.');
  });

  it('tells a remote install it waits for its URL to be approved, not for a command', () => {
    expect(installNote('remote')).not.toMatch(/command|local/i);
    expect(installNote('remote')).toMatch(/approve its URL/);
    expect(installNote('npm')).toMatch(/approve its command/);
  });

  it('says "1 tool" and "2 tools"', () => {
    expect(plural(1, 'tool')).toBe('1 tool');
    expect(plural(0, 'tool')).toBe('0 tools');
    expect(plural(2, 'server')).toBe('2 servers');
  });

  it('marks every search word, whatever its case, and nothing else', () => {
    expect(html(createElement(Highlighted, { text: 'Deep watering for deep roots', query: 'deep WATER' }))).toBe(
      '<mark>Deep</mark> <mark>water</mark>ing for <mark>deep</mark> roots',
    );
    expect(html(createElement(Highlighted, { text: 'a.b (c)', query: '(c' }))).toBe('a.b <mark>(c</mark>)');
  });
});
