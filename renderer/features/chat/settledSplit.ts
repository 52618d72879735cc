// Streaming markdown in two parts: the settled head is parsed once, only the growing tail re-parses per delta.

/**
 * Where streamed text can be cut so the part before it never changes again: the last blank line outside a code
 * fence, when no list, table or reference definition could tie the two halves together.
 */
export function settledSplit(text: string): number {
  let cut = 0;
  let fenced = false;
  let offset = 0;
  for (const line of text.split('\n')) {
    if (/^\s{0,3}(```|~~~)/.test(line)) fenced = !fenced;
    offset += line.length + 1;
    if (!fenced && line.trim() === '' && offset < text.length) cut = offset;
  }
  const head = text.slice(0, cut);
  if (/^\s{0,3}\[[^\]]+\]:/m.test(text) || /^\s*([-*+]|\d+[.)])\s/m.test(text.slice(cut)) || /^\s*\|/m.test(text.slice(cut))) return 0;
  return head.length;
}
