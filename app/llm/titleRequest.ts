// The one cheap request that names a conversation: a few words from a small model, after the first answer.
import type { Message } from '@anthropic-ai/sdk/resources/messages';
import type { MessageView } from '../api/views.ts';
import type { LlmRequest } from './llmClient.ts';

export const TITLE_MAX_TOKENS = 24;
export const TITLE_MAX_CHARS = 60;
/** How much of each message the title request quotes: enough to know the topic, cheap to send. */
const EXCERPT_CHARS = 1500;

export const TITLE_SYSTEM_PROMPT =
  'You name conversations for a list in a chat app. Reply with a title of at most six words that says what ' +
  'the conversation is about, in the language of the conversation. No quotes, no markdown, no final period.';

/** The request, or undefined when the conversation has no text to name it by. */
export function titleRequest(messages: MessageView[], model: string): LlmRequest | undefined {
  const lines: string[] = [];
  for (const m of messages) {
    const text = m.role === 'user' ? m.text : m.blocks.map((b) => (b.kind === 'text' ? b.text : '')).join('\n');
    const trimmed = text.trim();
    if (trimmed) lines.push(`${m.role === 'user' ? 'Person' : 'Assistant'}: ${trimmed.slice(0, EXCERPT_CHARS)}`);
  }
  if (lines.length === 0) return undefined;
  return {
    model,
    max_tokens: TITLE_MAX_TOKENS,
    system: TITLE_SYSTEM_PROMPT,
    messages: [{ role: 'user', content: `<conversation>\n${lines.join('\n\n')}\n</conversation>\n\nWrite the title.` }],
  };
}

/** The title in the model's reply, cleaned for a list; undefined when there is none worth showing. */
export function titleFromReply(message: Pick<Message, 'content'>): string | undefined {
  const text = message.content.map((b) => (b.type === 'text' ? b.text : '')).join(' ');
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? '')
    .replace(/^\s*(title\s*:)?\s*/i, '')
    .replace(/[*_`#]+/g, '')
    .replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.。]+$/, '');
  if (!line) return undefined;
  return line.length <= TITLE_MAX_CHARS ? line : `${line.slice(0, TITLE_MAX_CHARS - 1)}…`;
}
