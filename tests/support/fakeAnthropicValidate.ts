// The strict half of the fake Messages API: rejects what the real API rejects, with messages like its own.
import { validateServerTool, validateToolSearch } from './fakeAnthropicToolSearch.ts';

export interface ApiFailure {
  status: number;
  type: string;
  message: string;
}

type Json = Record<string, unknown>;

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const TOOL_USE_ID = /^[a-zA-Z0-9_-]+$/;
const USER_BLOCKS = new Set(['text', 'image', 'document', 'tool_result', 'search_result']);
const ASSISTANT_BLOCKS = new Set(['text', 'tool_use', 'thinking', 'redacted_thinking', 'server_tool_use', 'tool_search_tool_result']);
const TOOL_RESULT_BLOCKS = new Set(['text', 'image', 'document', 'search_result', 'tool_reference']);
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
export const MAX_CACHE_BREAKPOINTS = 4;

const invalid = (message: string): ApiFailure => ({ status: 400, type: 'invalid_request_error', message });
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function validateHeaders(headers: Record<string, string | string[] | undefined>, apiKey: string | undefined): ApiFailure | undefined {
  // SDK 1.x sends the key as `Authorization: Bearer <key>`; older clients send `x-api-key`.
  const bearer = typeof headers.authorization === 'string' ? /^Bearer (.+)$/.exec(headers.authorization)?.[1] : undefined;
  const key = typeof headers['x-api-key'] === 'string' && headers['x-api-key'] !== '' ? headers['x-api-key'] : bearer;
  if (typeof key !== 'string' || key === '') return { status: 401, type: 'authentication_error', message: 'x-api-key header is required' };
  if (apiKey !== undefined && key !== apiKey) return { status: 401, type: 'authentication_error', message: 'invalid x-api-key' };
  if (typeof headers['anthropic-version'] !== 'string') return invalid('anthropic-version: header is required');
  return undefined;
}

/** `toolSearch: false` answers like an endpoint that predates tool search (a proxy or an older API). */
export function validateMessagesRequest(body: unknown, opts: { toolSearch?: boolean } = {}): ApiFailure | undefined {
  if (!isObject(body)) return invalid('Request body must be a JSON object.');
  if (typeof body.model !== 'string' || body.model === '') return invalid('model: Field required');
  if (body.max_tokens === undefined) return invalid('max_tokens: Field required');
  if (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1)
    return invalid('max_tokens: Input should be a valid integer greater than or equal to 1');
  if (body.stream !== undefined && typeof body.stream !== 'boolean') return invalid('stream: Input should be a valid boolean');
  return (
    validateSystem(body.system) ??
    validateTools(body.tools, opts.toolSearch ?? true) ??
    validateMessages(body.messages) ??
    validateToolSearch(body) ??
    validateBreakpoints(body)
  );
}

function validateSystem(system: unknown): ApiFailure | undefined {
  if (system === undefined || typeof system === 'string') return undefined;
  if (!Array.isArray(system)) return invalid('system: Input should be a valid string or list');
  for (const [i, b] of system.entries()) {
    if (!isObject(b) || b.type !== 'text') return invalid(`system.${i}.type: Input should be 'text'`);
    if (typeof b.text !== 'string' || b.text.trim() === '') return invalid('system: text content blocks must contain non-whitespace text');
  }
  return undefined;
}

function validateTools(tools: unknown, toolSearch: boolean): ApiFailure | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) return invalid('tools: Input should be a valid list');
  const names = new Set<string>();
  for (const [i, t] of tools.entries()) {
    if (!isObject(t)) return invalid(`tools.${i}: Input should be a valid dictionary`);
    if (!toolSearch && t.type !== undefined && t.type !== 'custom')
      return invalid(`tools.${i}: Input tag '${String(t.type)}' found using 'type' does not match any of the expected tags: 'custom'`);
    if (!toolSearch && t.defer_loading !== undefined) return invalid(`tools.${i}.custom.defer_loading: Extra inputs are not permitted`);
    if (t.defer_loading !== undefined && typeof t.defer_loading !== 'boolean') return invalid(`tools.${i}.defer_loading: Input should be a valid boolean`);
    if (t.type !== undefined && t.type !== 'custom') {
      const failure = validateServerTool(t, i);
      if (failure) return failure;
      if (names.has(String(t.name))) return invalid('tools: Tool names must be unique.');
      names.add(String(t.name));
      continue;
    }
    if (typeof t.name !== 'string' || !TOOL_NAME.test(t.name)) {
      return invalid(`tools.${i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`);
    }
    if (names.has(t.name)) return invalid('tools: Tool names must be unique.');
    names.add(t.name);
    if (t.description !== undefined && typeof t.description !== 'string') return invalid(`tools.${i}.custom.description: Input should be a valid string`);
    if (!isObject(t.input_schema)) return invalid(`tools.${i}.custom.input_schema: Field required`);
    if (t.input_schema.type !== 'object') return invalid(`tools.${i}.custom.input_schema.type: Input should be 'object'`);
  }
  return undefined;
}

function validateMessages(messages: unknown): ApiFailure | undefined {
  if (messages === undefined) return invalid('messages: Field required');
  if (!Array.isArray(messages)) return invalid('messages: Input should be a valid list');
  if (messages.length === 0) return invalid('messages: at least one message is required');
  const seenToolUseIds = new Set<string>();
  let prevToolUseIds: string[] = [];
  for (const [i, m] of messages.entries()) {
    if (!isObject(m)) return invalid(`messages.${i}: Input should be a valid dictionary`);
    if (m.role !== 'user' && m.role !== 'assistant') return invalid(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    if (i === 0 && m.role !== 'user') return invalid('messages: first message must use the "user" role');
    const prev = messages[i - 1] as Json | undefined;
    if (prev && prev.role === m.role) {
      return invalid(`messages: roles must alternate between "user" and "assistant", but found multiple "${m.role}" roles in a row`);
    }
    const isFinal = i === messages.length - 1;
    const blocks = normalizeContent(m.content);
    if (blocks === undefined) return invalid(`messages.${i}.content: Input should be a valid string or list`);
    if (blocks.length === 0 && !(isFinal && m.role === 'assistant')) {
      return invalid(`messages.${i}: all messages must have non-empty content except for the optional final assistant message`);
    }
    const allowed = m.role === 'user' ? USER_BLOCKS : ASSISTANT_BLOCKS;
    const toolUseIds: string[] = [];
    const resultIds: string[] = [];
    let sawNonResult = false;
    for (const [j, b] of blocks.entries()) {
      const at = `messages.${i}.content.${j}`;
      if (!isObject(b) || typeof b.type !== 'string' || !allowed.has(b.type) || (m.role === 'user' && b.type === 'tool_reference')) {
        return invalid(
          `${at}.type: Input tag '${isObject(b) ? String(b.type) : ''}' found using 'type' does not match any of the expected tags: ${[...allowed].map((t) => `'${t}'`).join(', ')}`,
        );
      }
      const failure = validateBlock(b, at);
      if (failure) return failure;
      if (b.type === 'tool_use') {
        const id = b.id as string;
        if (seenToolUseIds.has(id)) return invalid(`messages.${i}.content.${j}: \`tool_use\` ids must be unique`);
        seenToolUseIds.add(id);
        toolUseIds.push(id);
      }
      if (b.type === 'tool_result') {
        if (sawNonResult) return invalid(`messages.${i}: \`tool_result\` blocks must come before any other content in the user message`);
        const id = b.tool_use_id as string;
        if (!prevToolUseIds.includes(id)) {
          return invalid(
            `${at}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
          );
        }
        if (resultIds.includes(id)) return invalid(`${at}: each tool_use must have a single result. Found multiple \`tool_result\` blocks with id: ${id}`);
        resultIds.push(id);
      } else {
        sawNonResult = true;
      }
    }
    const missing = prevToolUseIds.filter((id) => !resultIds.includes(id));
    if (missing.length > 0) {
      return invalid(
        `messages.${i - 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      );
    }
    if (isFinal && toolUseIds.length > 0) {
      return invalid(
        `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${toolUseIds.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      );
    }
    if (isFinal && m.role === 'assistant') {
      const last = blocks.at(-1) as Json | undefined;
      if (last?.type === 'text' && /\s$/.test(String(last.text))) return invalid('final assistant content cannot end with trailing whitespace');
    }
    prevToolUseIds = toolUseIds;
  }
  return undefined;
}

function normalizeContent(content: unknown): unknown[] | undefined {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return Array.isArray(content) ? content : undefined;
}

function validateBlock(b: Json, at: string): ApiFailure | undefined {
  switch (b.type) {
    case 'text':
      if (typeof b.text !== 'string') return invalid(`${at}.text: Field required`);
      if (b.text.trim() === '') return invalid('messages: text content blocks must contain non-whitespace text');
      return undefined;
    case 'image': {
      const src = b.source as Json | undefined;
      if (!isObject(src)) return invalid(`${at}.source: Field required`);
      if (src.type === 'base64') {
        if (!IMAGE_TYPES.has(String(src.media_type)))
          return invalid(`${at}.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`);
        if (typeof src.data !== 'string' || src.data === '') return invalid(`${at}.source.base64.data: Field required`);
        return undefined;
      }
      if (src.type === 'url' && typeof src.url === 'string') return undefined;
      return invalid(`${at}.source.type: Input tag '${String(src.type)}' found using 'type' does not match any of the expected tags: 'base64', 'url'`);
    }
    case 'tool_use':
      if (typeof b.id !== 'string' || !TOOL_USE_ID.test(b.id)) return invalid(`${at}.id: String should match pattern '^[a-zA-Z0-9_-]+$'`);
      if (typeof b.name !== 'string' || b.name === '') return invalid(`${at}.name: Field required`);
      if (!isObject(b.input)) return invalid(`${at}.input: Input should be a valid dictionary`);
      return undefined;
    case 'tool_reference':
      if (typeof b.tool_name !== 'string' || b.tool_name === '') return invalid(`${at}.tool_name: Field required`);
      return undefined;
    case 'server_tool_use':
      if (!isObject(b.input)) return invalid(`${at}.input: Input should be a valid dictionary`);
      return undefined;
    case 'tool_search_tool_result': {
      const c = b.content as Json | undefined;
      if (typeof b.tool_use_id !== 'string') return invalid(`${at}.tool_use_id: Field required`);
      if (!isObject(c) || (c.type !== 'tool_search_tool_search_result' && c.type !== 'tool_search_tool_result_error')) {
        return invalid(
          `${at}.content: Input tag '${isObject(c) ? String(c.type) : ''}' found using 'type' does not match any of the expected tags: 'tool_search_tool_search_result', 'tool_search_tool_result_error'`,
        );
      }
      if (c.type === 'tool_search_tool_search_result' && !Array.isArray(c.tool_references)) return invalid(`${at}.content.tool_references: Field required`);
      return undefined;
    }
    case 'tool_result': {
      if (typeof b.tool_use_id !== 'string') return invalid(`${at}.tool_use_id: Field required`);
      if (b.is_error !== undefined && typeof b.is_error !== 'boolean') return invalid(`${at}.is_error: Input should be a valid boolean`);
      if (b.content === undefined || typeof b.content === 'string') return undefined;
      if (!Array.isArray(b.content)) return invalid(`${at}.content: Input should be a valid string or list`);
      for (const [k, inner] of (b.content as unknown[]).entries()) {
        const innerAt = `${at}.tool_result.content.${k}`;
        if (!isObject(inner) || !TOOL_RESULT_BLOCKS.has(String(inner.type))) {
          return invalid(
            `${innerAt}.type: Input tag '${isObject(inner) ? String(inner.type) : ''}' found using 'type' does not match any of the expected tags: 'text', 'image', 'document', 'search_result', 'tool_reference'`,
          );
        }
        const failure = validateBlock(inner, innerAt);
        if (failure) return failure;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function validateBreakpoints(body: Json): ApiFailure | undefined {
  let count = 0;
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      if (v.cache_control !== undefined && v.cache_control !== null) count++;
      for (const [k, inner] of Object.entries(v)) if (k !== 'input' && k !== 'input_schema') visit(inner);
    }
  };
  visit(body.tools);
  visit(body.system);
  visit(body.messages);
  if (count > MAX_CACHE_BREAKPOINTS) return invalid(`A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${count}.`);
  return undefined;
}
