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

const LIST_OR_TABLE = /^\s*([-*+]|\d+[.)])\s|^\s*\|/;

/**
 * The settled head cut into blocks that render the same apart as together: at blank lines outside code
 * fences, never inside a list or table or before an indented continuation. Each block is parsed once
 * and then memoised, so a new paragraph costs only its own parse, however long the answer grows.
 */
export function settledBlocks(head: string): string[] {
  const lines = head.split('\n');
  const blocks: string[] = [];
  let start = 0;
  let offset = 0;
  let fenced = false;
  let lastText = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s{0,3}(```|~~~)/.test(line)) fenced = !fenced;
    offset = Math.min(head.length, offset + line.length + 1);
    if (line.trim() !== '') {
      lastText = line;
      continue;
    }
    const next = lines[i + 1];
    if (fenced || next === undefined || next.trim() === '' || /^\s/.test(next) || LIST_OR_TABLE.test(next) || LIST_OR_TABLE.test(lastText)) continue;
    blocks.push(head.slice(start, offset));
    start = offset;
  }
  if (start < head.length) blocks.push(head.slice(start));
  return blocks;
}
