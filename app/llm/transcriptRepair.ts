// Makes any stored transcript valid for the Messages API: it starts with a user message, roles alternate,
// every tool_use is answered by a tool_result in the next message (results first), no content is empty.
import type { ContentBlockParam, MessageParam, ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';

export const UNANSWERED_TOOL_USE = 'No result was recorded for this tool call (the turn was interrupted).';

interface Msg {
  role: 'user' | 'assistant';
  content: ContentBlockParam[];
}

export function repairTranscript(messages: readonly MessageParam[]): MessageParam[] {
  let list: Msg[] = [];
  for (const m of messages) {
    if (m.role === 'user' || m.role === 'assistant') list.push({ role: m.role, content: cleanBlocks(m.content) });
  }
  for (let pass = 0; pass < 4; pass++) {
    const before = JSON.stringify(list.map((m) => [m.role, m.content.length]));
    list = list.filter((m) => m.content.length > 0);
    while (list.length > 0 && list[0]!.role !== 'user') list.shift();
    list = mergeSameRole(list);
    list = pairToolUses(list);
    if (JSON.stringify(list.map((m) => [m.role, m.content.length])) === before) break;
  }
  return list.map((m) => ({ role: m.role, content: m.content }));
}

function cleanBlocks(content: string | readonly ContentBlockParam[]): ContentBlockParam[] {
  if (typeof content === 'string') return content.trim() === '' ? [] : [{ type: 'text', text: content }];
  return content.filter((b) => !(b.type === 'text' && b.text.trim() === ''));
}

function mergeSameRole(list: Msg[]): Msg[] {
  const out: Msg[] = [];
  for (const m of list) {
    const prev = out[out.length - 1];
    if (prev && prev.role === m.role) prev.content = [...prev.content, ...m.content];
    else out.push({ role: m.role, content: [...m.content] });
  }
  return out;
}

function pairToolUses(list: Msg[]): Msg[] {
  const out = list.map((m) => ({ role: m.role, content: m.content }));
  for (let i = 0; i < out.length; i++) {
    const m = out[i]!;
    if (m.role === 'assistant') {
      // tool_result blocks never belong in an assistant message.
      m.content = m.content.filter((b) => b.type !== 'tool_result');
      continue;
    }
    const prev = out[i - 1];
    const ids = prev ? toolUseIds(prev) : [];
    const results = new Map<string, ToolResultBlockParam>();
    const others: ContentBlockParam[] = [];
    for (const b of m.content) {
      if (b.type === 'tool_result') {
        if (ids.includes(b.tool_use_id) && !results.has(b.tool_use_id)) results.set(b.tool_use_id, b);
      } else if (b.type !== 'tool_use') {
        others.push(b);
      }
    }
    const answered = ids.map((id) => results.get(id) ?? unanswered(id));
    m.content = [...answered, ...others];
  }
  const last = out[out.length - 1];
  if (last && last.role === 'assistant') {
    const ids = toolUseIds(last);
    if (ids.length > 0) out.push({ role: 'user', content: ids.map(unanswered) });
  }
  return out;
}

function toolUseIds(m: Msg): string[] {
  const ids: string[] = [];
  for (const b of m.content) if (b.type === 'tool_use' && !ids.includes(b.id)) ids.push(b.id);
  return ids;
}

function unanswered(id: string): ToolResultBlockParam {
  return { type: 'tool_result', tool_use_id: id, is_error: true, content: [{ type: 'text', text: UNANSWERED_TOOL_USE }] };
}
