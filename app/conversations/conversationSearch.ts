// Finding conversations by what a person remembers of them: words of the title or of any message.
import type { ConversationSearchHit } from '../api/views.ts';
import type { Conversation } from './conversation.ts';

const SNIPPET_BEFORE = 40;
const SNIPPET_LENGTH = 140;
export const MAX_SEARCH_HITS = 50;

/**
 * Every conversation that contains all the query's words (case-insensitive), in its title or its
 * messages' text, most recently updated first. A message hit carries a short snippet around the first word.
 */
export function searchConversations(conversations: Iterable<Conversation>, query: string): ConversationSearchHit[] {
  const words = searchWords(query);
  if (words.length === 0) return [];
  const hits: ConversationSearchHit[] = [];
  for (const c of conversations) {
    const title = c.title.toLowerCase();
    const texts = c.messages.map(messageText);
    const all = `${title}\n${texts.join('\n').toLowerCase()}`;
    if (!words.every((w) => all.includes(w))) continue;
    const inTitle = words.every((w) => title.includes(w));
    const snippet = inTitle ? undefined : snippetOf(texts, words);
    hits.push({ id: c.id, title: c.title, updatedAt: c.updatedAt, inTitle, ...(snippet ? { snippet } : {}) });
  }
  return hits.sort((a, b) => b.updatedAt - a.updatedAt).slice(0, MAX_SEARCH_HITS);
}

/** The words a query asks for, lower-cased; the renderer highlights the same words. */
export function searchWords(query: string): string[] {
  return [
    ...new Set(
      query
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w !== ''),
    ),
  ];
}

function messageText(m: Conversation['messages'][number]): string {
  if (m.role === 'user') return m.text;
  return m.blocks.map((b) => (b.kind === 'text' ? b.text : '')).join('\n');
}

function snippetOf(texts: string[], words: string[]): string | undefined {
  for (const text of texts) {
    const lower = text.toLowerCase();
    const at = words.map((w) => lower.indexOf(w)).filter((i) => i >= 0);
    if (at.length === 0) continue;
    const first = Math.min(...at);
    const start = Math.max(0, first - SNIPPET_BEFORE);
    const piece = text
      .slice(start, start + SNIPPET_LENGTH)
      .replace(/\s+/g, ' ')
      .trim();
    return `${start > 0 ? '…' : ''}${piece}${start + SNIPPET_LENGTH < text.length ? '…' : ''}`;
  }
  return undefined;
}
