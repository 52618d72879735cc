// Resources attached to a message: each is read from its server and becomes context blocks before the
// person's text. Text → a labelled text block (a plain-text document block when large), images → image
// blocks, text-like blobs → decoded text, other blobs → a short note. The user message shows the list.
import type { ContentBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { ReadResourceResult } from '@modelcontextprotocol/client';
import type { AttachmentView } from '../api/views.ts';
import type { Resources } from './resources.ts';

export interface PreparedAttachments {
  blocks: ContentBlockParam[];
  views: AttachmentView[];
}

/** Above this, text goes as a document block; above MAX_TEXT_CHARS it is cut. */
const DOCUMENT_CHARS = 10_000;
const MAX_TEXT_CHARS = 200_000;
const MAX_IMAGE_CHARS = 5_000_000;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const TEXT_LIKE = /^(text\/|application\/(json|xml|yaml|x-yaml|javascript|x-sh|toml|sql|graphql|ld\+json)|.*\+(json|xml)$)/;

export async function prepareAttachments(resources: Resources, list: readonly { server: string; uri: string }[]): Promise<PreparedAttachments> {
  const read = await Promise.all(list.map(async (a) => ({ ...a, result: await resources.read(a.server, a.uri) })));
  const blocks: ContentBlockParam[] = [];
  const views: AttachmentView[] = [];
  for (const { server, uri, result } of read) {
    const first = result.contents[0];
    views.push({ server, uri, ...(first?.mimeType ? { mimeType: first.mimeType } : {}) });
    if (result.contents.length === 0) blocks.push({ type: 'text', text: `[Attached resource ${uri} from server "${server}" is empty.]` });
    for (const item of result.contents) blocks.push(...contentBlocks(server, item));
  }
  return { blocks, views };
}

/** One resource content item as user-message blocks (also used for resources embedded in prompts). */
export function contentBlocks(server: string, item: ReadResourceResult['contents'][number]): ContentBlockParam[] {
  const mime = item.mimeType;
  const label = `Attached resource ${item.uri} from MCP server "${server}"${mime ? ` (${mime})` : ''}`;
  if ('text' in item && typeof item.text === 'string') return textBlocks(label, item.uri, server, item.text);
  const blob = 'blob' in item && typeof item.blob === 'string' ? item.blob : '';
  if (mime && IMAGE_TYPES.has(mime) && blob.length > 0 && blob.length <= MAX_IMAGE_CHARS) {
    return [
      { type: 'text', text: `[${label}]` },
      { type: 'image', source: { type: 'base64', media_type: mime as 'image/png', data: blob } },
    ];
  }
  if (mime && TEXT_LIKE.test(mime)) return textBlocks(label, item.uri, server, Buffer.from(blob, 'base64').toString('utf8'));
  const bytes = Math.floor((blob.length * 3) / 4);
  return [{ type: 'text', text: `[${label}: ${bytes} bytes of binary data, not sent to the model.]` }];
}

function textBlocks(label: string, uri: string, server: string, raw: string): ContentBlockParam[] {
  if (raw.trim() === '') return [{ type: 'text', text: `[${label} is empty.]` }];
  const cut = raw.length > MAX_TEXT_CHARS;
  const text = cut ? `${raw.slice(0, MAX_TEXT_CHARS)}\n[Switchboard cut this resource: showing the first ${MAX_TEXT_CHARS} of ${raw.length} characters]` : raw;
  if (text.length <= DOCUMENT_CHARS) return [{ type: 'text', text: `[${label}]\n${text}` }];
  return [
    {
      type: 'document',
      source: { type: 'text', media_type: 'text/plain', data: text },
      title: uri.slice(0, 500),
      context: `Attached by the person from MCP server "${server}".`,
    },
  ];
}
