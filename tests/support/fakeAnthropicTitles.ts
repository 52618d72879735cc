// The fake's answer to Switchboard's short-title request (see app/llm/titleRequest.ts). Title requests are
// validated like any other request, but they are recorded apart and never take a scripted chat reply: a
// test's queued answers stay in order for the turns they were meant for.
import { TITLE_SYSTEM_PROMPT } from '../../app/llm/titleRequest.ts';
import type { FakeReply } from './fakeAnthropicReplies.ts';

type Json = Record<string, unknown>;

export function isTitleRequest(body: unknown): boolean {
  const system = (body as Json | undefined)?.system;
  return typeof system === 'string' && system === TITLE_SYSTEM_PROMPT;
}

/** What a small model would say: the first few words of the person's first line, capitalised. */
export function defaultTitleReply(body: Json): FakeReply {
  const messages = (body.messages as Json[] | undefined) ?? [];
  const first = messages[0]?.content;
  const text = typeof first === 'string' ? first : ((first as Json[] | undefined) ?? []).map((b) => String(b.text ?? '')).join('\n');
  const person = /Person: (.*)/.exec(text)?.[1] ?? 'A conversation';
  const words = person
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .join(' ');
  const title = words ? words[0]!.toUpperCase() + words.slice(1) : 'A conversation';
  return { kind: 'message', content: [{ type: 'text', text: title }], stopReason: 'end_turn' };
}
