// A prompt's messages inserted into a conversation: mapped to API blocks (text, images, embedded
// resources), merged so roles alternate (also with the transcript's last message), and shown as messages.
import { randomUUID } from 'node:crypto';
import type { ContentBlockParam, MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { GetPromptResult } from '@modelcontextprotocol/client';
import { HostError } from '../api/errors.ts';
import type { AttachmentView, MessageView } from '../api/views.ts';
import type { Conversation } from '../conversations/conversation.ts';
import { contentBlocks } from './resourceAttachments.ts';

type PromptMessage = GetPromptResult['messages'][number];
type Role = 'user' | 'assistant';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

interface Group {
  role: Role;
  blocks: ContentBlockParam[];
  texts: string[];
  attachments: AttachmentView[];
}

/**
 * Appends the prompt's messages to the conversation. Returns the new message views (one per run of
 * same-role messages) and the role of the last one: when it is 'user', a turn should run.
 */
export function insertPromptMessages(
  conversation: Conversation,
  origin: { server: string; name: string },
  messages: readonly PromptMessage[],
  now: () => number,
  newId: () => string = randomUUID,
): { views: MessageView[]; lastRole: Role | undefined } {
  const groups: Group[] = [];
  for (const m of messages) {
    const { blocks, text, attachment } = mapContent(origin.server, m.role, m.content);
    if (blocks.length === 0) continue;
    let group = groups[groups.length - 1];
    if (!group || group.role !== m.role) groups.push((group = { role: m.role, blocks: [], texts: [], attachments: [] }));
    group.blocks.push(...blocks);
    if (text) group.texts.push(text);
    if (attachment) group.attachments.push(attachment);
  }
  if (groups.length === 0) throw new HostError('conflict', `The prompt "${origin.name}" from "${origin.server}" has no messages to insert.`);
  const transcript = conversation.transcript;
  if (transcript.length === 0 && groups[0]!.role === 'assistant') {
    throw new HostError('conflict', `The prompt "${origin.name}" starts with an assistant message, which cannot open a conversation. Send a message first.`);
  }
  const views: MessageView[] = [];
  for (const group of groups) {
    appendMerged(transcript, group.role, group.blocks);
    const createdAt = now();
    const text = group.texts.join('\n\n');
    const view: MessageView =
      group.role === 'user'
        ? { role: 'user', id: newId(), createdAt, text, ...(group.attachments.length ? { attachments: group.attachments } : {}), prompt: origin }
        : { role: 'assistant', id: newId(), createdAt, model: '', status: 'complete', blocks: text ? [{ kind: 'text', text }] : [], prompt: origin };
    conversation.messages.push(view);
    views.push(view);
  }
  return { views, lastRole: groups[groups.length - 1]!.role };
}

function appendMerged(transcript: MessageParam[], role: Role, blocks: ContentBlockParam[]): void {
  const last = transcript[transcript.length - 1];
  if (last?.role === role) {
    const prev = typeof last.content === 'string' ? [{ type: 'text' as const, text: last.content }] : last.content;
    transcript[transcript.length - 1] = { role, content: [...prev, ...blocks] };
  } else {
    transcript.push({ role, content: blocks });
  }
}

function mapContent(server: string, role: Role, c: PromptMessage['content']): { blocks: ContentBlockParam[]; text?: string; attachment?: AttachmentView } {
  const asText = (text: string) => ({ blocks: text.trim() ? [{ type: 'text' as const, text }] : [], text });
  switch (c.type) {
    case 'text':
      return asText(c.text);
    case 'image':
      if (role === 'user' && IMAGE_TYPES.has(c.mimeType)) {
        return { blocks: [{ type: 'image', source: { type: 'base64', media_type: c.mimeType as 'image/png', data: c.data } }], text: `[image: ${c.mimeType}]` };
      }
      return asText(`[An image (${c.mimeType}) from the prompt was left out.]`);
    case 'audio':
      return asText(`[Audio (${c.mimeType}) from the prompt was left out: Claude cannot hear audio.]`);
    case 'resource_link':
      return asText(`[Resource link: ${c.name} <${c.uri}>${c.mimeType ? ` (${c.mimeType})` : ''}]`);
    case 'resource': {
      const r = c.resource;
      const attachment: AttachmentView = { server, uri: r.uri, ...(r.mimeType ? { mimeType: r.mimeType } : {}) };
      if (role === 'user') return { blocks: contentBlocks(server, r), attachment };
      const text = 'text' in r && typeof r.text === 'string' ? `[Resource ${r.uri}]\n${r.text}` : `[Binary resource ${r.uri} left out.]`;
      return { ...asText(text), attachment };
    }
    default:
      return asText(`[Content of type ${(c as { type: string }).type} from the prompt was left out.]`);
  }
}
