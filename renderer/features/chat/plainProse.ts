// Streamed text that markdown would show as one plain paragraph, recognised without parsing it.

/**
 * One line of words and ordinary punctuation, starting with a letter: nothing markdown or GFM would
 * turn into anything but `<p>` with the same text (no emphasis, code, links, autolinks, entities,
 * escapes, HTML, lists, headings, tables, line breaks). A streaming answer is mostly such prose, and
 * its growing paragraph then renders without the markdown pipeline on every delta.
 */
const PLAIN = /^\p{L}[\p{L}\p{M}\p{N} ,.;?!'"()/%=+’‘“”—–-]*$/u;

export function isPlainProse(text: string): boolean {
  return PLAIN.test(text) && !/www\./i.test(text);
}
