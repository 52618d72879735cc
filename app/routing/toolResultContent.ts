// MCP CallToolResult → the tool_result content the Messages API accepts, and the view the UI shows.
// Written here rather than with the SDK's beta `mcpContent` helper: that one throws on audio,
// resource links and blobs (we need a note instead), returns beta types, and only
// app/llm/anthropicClient.ts may load SDK runtime code.
import type { CallToolResult } from '@modelcontextprotocol/client';
import type { Base64ImageSource, ImageBlockParam, TextBlockParam, ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { ResultContentView, ToolResultSizeView, ToolResultView } from '../api/views.ts';
import { boundedJson } from './boundedJson.ts';

export interface ResultBudgets {
  /** Characters of text the model gets from one result. */
  modelChars: number;
  /** Characters of text the UI view keeps. */
  viewChars: number;
  /** Base64 characters of images, per result (the model and the view each). */
  imageChars: number;
}

export const DEFAULT_RESULT_BUDGETS: ResultBudgets = { modelChars: 100_000, viewChars: 200_000, imageChars: 5_000_000 };

export type ToolResultContentBlock = TextBlockParam | ImageBlockParam;

export interface MappedToolResult {
  content: ToolResultContentBlock[];
  isError: boolean;
  view: ToolResultView;
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
type ImageMediaType = Base64ImageSource['media_type'];

type Piece = { kind: 'text'; text: string; view?: ResultContentView } | { kind: 'image'; mediaType: string; data: string };

export function cutMarker(kept: number, total: number, atLeast = false): string {
  return `[Switchboard cut this result: showing the first ${kept} of ${atLeast ? 'more than ' : ''}${total} characters]`;
}

export function mapToolResult(result: CallToolResult, budgets: Partial<ResultBudgets> = {}): MappedToolResult {
  const b = { ...DEFAULT_RESULT_BUDGETS, ...budgets };
  const isError = result.isError === true;
  const items = Array.isArray(result.content) ? result.content : [];
  const pieces: Piece[] = items.map(toPiece);

  let structuredView: unknown;
  let structuredCut = false;
  if (result.structuredContent !== undefined && result.structuredContent !== null) {
    const json = boundedJson(result.structuredContent, Math.max(b.modelChars, b.viewChars));
    if (!json.cut) structuredView = result.structuredContent;
    if (!duplicatedByText(json.text, json.cut, items) && !textCarriesValues(result.structuredContent, items)) {
      pieces.push({ kind: 'text', text: json.text });
      structuredCut = json.cut;
    }
  }

  const model = fit(pieces, b.modelChars, b.imageChars, structuredCut);
  const view = fit(pieces, b.viewChars, b.imageChars, structuredCut);
  const content: ToolResultContentBlock[] = model.pieces
    .filter((p) => p.kind === 'image' || p.text.trim() !== '')
    .map((p) =>
      p.kind === 'text'
        ? { type: 'text', text: p.text }
        : { type: 'image', source: { type: 'base64', media_type: p.mediaType as ImageMediaType, data: p.data } },
    );
  if (content.length === 0) {
    content.push({ type: 'text', text: isError ? '(The tool reported an error without details.)' : '(The tool returned no content.)' });
  }
  const viewContent: ResultContentView[] = view.pieces.map((p) =>
    p.kind === 'image' ? { kind: 'image', mimeType: p.mediaType, data: p.data } : (p.view ?? { kind: 'text', text: p.text }),
  );
  const resultView: ToolResultView = { isError, content: viewContent };
  if (structuredView !== undefined) resultView.structuredContent = structuredView;
  const cut = model.cut ? model : view.cut ? view : undefined;
  if (cut) resultView.truncated = { originalChars: cut.total, keptChars: cut.kept };
  return { content, isError, view: resultView };
}

function toPiece(item: CallToolResult['content'][number]): Piece {
  switch (item.type) {
    case 'text':
      return { kind: 'text', text: item.text };
    case 'image':
      if (IMAGE_TYPES.has(item.mimeType)) return { kind: 'image', mediaType: item.mimeType, data: item.data };
      return { kind: 'text', text: `[An image of type ${item.mimeType} was not sent to the model: only PNG, JPEG, GIF and WebP are supported.]` };
    case 'audio':
      return {
        kind: 'text',
        text: `[Audio (${item.mimeType}) was not sent to the model: tool results cannot carry audio.]`,
        view: { kind: 'audio', mimeType: item.mimeType },
      };
    case 'resource_link': {
      const link: ResultContentView = { kind: 'resource-link', uri: item.uri, name: item.name };
      if (item.mimeType) link.mimeType = item.mimeType;
      if (item.description) link.description = item.description;
      return { kind: 'text', text: `[Resource link: ${item.name} <${item.uri}>${item.mimeType ? ` (${item.mimeType})` : ''}]`, view: link };
    }
    case 'resource': {
      const r = item.resource;
      if ('text' in r && typeof r.text === 'string') {
        const view: ResultContentView = { kind: 'resource', uri: r.uri, text: r.text };
        if (r.mimeType) view.mimeType = r.mimeType;
        return { kind: 'text', text: `[Resource ${r.uri}]\n${r.text}`, view };
      }
      const blob = 'blob' in r && typeof r.blob === 'string' ? r.blob : '';
      const bytes = Math.floor((blob.length * 3) / 4);
      const view: ResultContentView = { kind: 'resource', uri: r.uri, blobBytes: bytes };
      if (r.mimeType) view.mimeType = r.mimeType;
      return { kind: 'text', text: `[Binary resource ${r.uri}${r.mimeType ? ` (${r.mimeType})` : ''}, ${bytes} bytes, was not sent to the model.]`, view };
    }
    default:
      return { kind: 'text', text: `[Content of type ${(item as { type: string }).type} was not sent to the model.]` };
  }
}

/** True when a text item already carries the structured content (the spec asks servers to send both). */
function duplicatedByText(json: string, cut: boolean, items: CallToolResult['content']): boolean {
  if (cut) {
    const head = json.slice(0, 1000);
    return items.some((i) => i.type === 'text' && i.text.length >= json.length && i.text.startsWith(head, i.text.search(/\S/)));
  }
  for (const item of items) {
    if (item.type !== 'text') continue;
    const t = item.text.trim();
    if (t === json) return true;
    if ((t.startsWith('{') || t.startsWith('[')) && t.length <= json.length * 4 + 1000) {
      try {
        if (JSON.stringify(JSON.parse(t)) === json) return true;
      } catch {
        /* not JSON */
      }
    }
  }
  return false;
}

const MAX_LEAVES = 2_000;

/**
 * True when the text items already say every value of the structured content, as servers that wrap
 * their text (`{ content: "…" }`, e.g. server-filesystem) do: Claude then gets the text once, not twice.
 */
function textCarriesValues(value: unknown, items: CallToolResult['content']): boolean {
  const texts = items.filter((i) => i.type === 'text').map((i) => i.text);
  if (texts.length === 0) return false;
  const leaves: string[] = [];
  const walk = (v: unknown): boolean => {
    if (typeof v === 'string' || typeof v === 'number') {
      if (leaves.length >= MAX_LEAVES) return false;
      if (String(v).trim() !== '') leaves.push(String(v));
      return true;
    }
    if (Array.isArray(v)) return v.every(walk);
    if (v !== null && typeof v === 'object') return Object.values(v).every(walk);
    return true;
  };
  if (!walk(value) || leaves.length === 0) return false;
  return leaves.every((leaf) => texts.some((t) => t.includes(leaf)));
}

/** Keeps text up to `chars` (then a marker) and images up to `imageChars`; never builds a longer string. */
function fit(pieces: Piece[], chars: number, imageChars: number, lastIsCutJson: boolean) {
  const out: Piece[] = [];
  let total = 0;
  let kept = 0;
  let imageLeft = imageChars;
  let cut = false;
  pieces.forEach((p, i) => {
    if (p.kind === 'image') {
      if (p.data.length <= imageLeft) {
        out.push(p);
        imageLeft -= p.data.length;
      } else {
        out.push({ kind: 'text', text: `[An image (${p.mediaType}, ${p.data.length} base64 characters) was left out: it is over the size budget.]` });
      }
      return;
    }
    total += p.text.length;
    const room = chars - kept;
    if (p.text.length <= room) {
      out.push(p);
      kept += p.text.length;
    } else {
      cut = true;
      if (room > 0) {
        const text = p.text.slice(0, room);
        const view = p.view?.kind === 'resource' && p.view.text !== undefined ? { view: { ...p.view, text: p.view.text.slice(0, room) } } : {};
        out.push({ kind: 'text', text, ...view });
        kept += room;
      }
    }
    if (i === pieces.length - 1 && lastIsCutJson) cut = true;
  });
  if (cut) out.push({ kind: 'text', text: cutMarker(kept, total, lastIsCutJson) });
  return { pieces: out, cut, total, kept };
}

/** The size of a tool_result's content as sent to Claude: UTF-8 bytes, and about 4 characters a token (an image as 1,600). */
export function sizeOfResult(content: ToolResultBlockParam['content']): ToolResultSizeView {
  const blocks = typeof content === 'string' ? [{ type: 'text' as const, text: content }] : (content ?? []);
  let chars = 0;
  let images = 0;
  for (const b of blocks) {
    if (b.type === 'text') chars += b.text.length;
    else if (b.type === 'image') images += 1;
  }
  return { bytes: Buffer.byteLength(JSON.stringify(content ?? '')), approxTokens: Math.ceil(chars / 4) + images * 1_600 };
}
