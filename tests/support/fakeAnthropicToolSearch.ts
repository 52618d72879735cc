// Deferred tools and the server-side tool search tool, as the Messages API has them
// (`tool_search_tool_bm25_20251119` / `tool_search_tool_regex_20251119`, `defer_loading: true`).
//
// What the real API does, and so the fake:
// - A tool with `defer_loading: true` is not loaded; Claude can call it only after a tool search (or a
//   client's tool_result) returned a `tool_reference` to it earlier in the conversation.
// - At least one tool must be non-deferred; the search tool itself cannot be deferred and has no input_schema.
// - A search runs inside the response: the reply holds a `server_tool_use` block and its
//   `tool_search_tool_result` (with `tool_references`), and the client sends both back verbatim in the
//   assistant turn. A reference to a tool not in `tools` is a 400.
//
// Scripts say `{ type: 'tool_search', query }`; the fake runs the search over the deferred tools of the
// request (BM25-ish word scoring, or Python-like `re.search` for the regex variant) and streams both blocks.
import type { ApiFailure } from './fakeAnthropicValidate.ts';
import type { FakeBlock, FakeReply } from './fakeAnthropicReplies.ts';

type Json = Record<string, unknown>;

export const SEARCH_TOOLS: Record<string, string> = {
  tool_search_tool_bm25_20251119: 'tool_search_tool_bm25',
  tool_search_tool_bm25: 'tool_search_tool_bm25',
  tool_search_tool_regex_20251119: 'tool_search_tool_regex',
  tool_search_tool_regex: 'tool_search_tool_regex',
};
/** How many references one search returns at most (the API returns a handful of the best matches). */
export const MAX_REFERENCES = 5;

const invalid = (message: string): ApiFailure => ({ status: 400, type: 'invalid_request_error', message });
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A tool entry with a `type` other than custom: only the tool search tools are known here. */
export function validateServerTool(t: Json, i: number): ApiFailure | undefined {
  const type = String(t.type);
  const name = SEARCH_TOOLS[type];
  if (!name) return invalid(`tools.${i}: Input tag '${type}' found using 'type' does not match any of the expected tags`);
  if (t.name !== name) return invalid(`tools.${i}.${type}.name: Input should be '${name}'`);
  if (t.input_schema !== undefined) return invalid(`tools.${i}.${type}.input_schema: Extra inputs are not permitted`);
  if (t.description !== undefined) return invalid(`tools.${i}.${type}.description: Extra inputs are not permitted`);
  if (t.defer_loading === true) return invalid(`tools.${i}: the tool search tool cannot have defer_loading set`);
  return undefined;
}

/** The request-wide rules: at least one loaded tool, references resolve, deferred tools are called only once loaded. */
export function validateToolSearch(body: Json): ApiFailure | undefined {
  const tools = Array.isArray(body.tools) ? (body.tools as Json[]) : [];
  const byName = new Map(tools.map((t) => [String(t.name), t]));
  if (tools.length > 0 && tools.every((t) => t.defer_loading === true)) {
    return invalid('All tools have defer_loading set. At least one tool must be non-deferred.');
  }
  const searchTools = new Set(tools.filter((t) => SEARCH_TOOLS[String(t.type)]).map((t) => String(t.name)));
  const loaded = new Set<string>();
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  for (const [i, m] of messages.entries()) {
    const blocks = Array.isArray(m.content) ? (m.content as Json[]) : [];
    const openSearches = new Set<string>();
    for (const [j, b] of blocks.entries()) {
      const at = `messages.${i}.content.${j}`;
      if (!isObject(b)) continue;
      if (b.type === 'server_tool_use') {
        if (!searchTools.has(String(b.name))) return invalid(`${at}: server_tool_use '${String(b.name)}' has no matching server tool in tools`);
        if (typeof b.id !== 'string' || !/^srvtoolu_[a-zA-Z0-9_]+$/.test(b.id))
          return invalid(`${at}.id: String should match pattern '^srvtoolu_[a-zA-Z0-9_]+$'`);
        openSearches.add(b.id);
      } else if (b.type === 'tool_search_tool_result') {
        if (!openSearches.delete(String(b.tool_use_id))) {
          return invalid(
            `${at}: tool_search_tool_result block(s) provided when previous message does not have a corresponding server_tool_use block: ${String(b.tool_use_id)}`,
          );
        }
        const content = isObject(b.content) ? b.content : {};
        for (const ref of Array.isArray(content.tool_references) ? (content.tool_references as Json[]) : []) {
          const failure = reference(ref, byName, loaded);
          if (failure) return failure;
        }
      } else if (b.type === 'tool_result' && Array.isArray(b.content)) {
        for (const inner of b.content as Json[]) {
          if (isObject(inner) && inner.type === 'tool_reference') {
            const failure = reference(inner, byName, loaded);
            if (failure) return failure;
          }
        }
      } else if (b.type === 'tool_use') {
        const tool = byName.get(String(b.name));
        if (tool?.defer_loading === true && !loaded.has(String(b.name))) {
          return invalid(`${at}: tool '${String(b.name)}' has defer_loading set and no tool_reference loaded it before this tool_use`);
        }
      }
    }
    if (openSearches.size > 0) {
      return invalid(`messages.${i}: server_tool_use ids were found without tool_search_tool_result blocks immediately after: ${[...openSearches].join(', ')}`);
    }
  }
  return undefined;
}

function reference(ref: Json, byName: Map<string, Json>, loaded: Set<string>): ApiFailure | undefined {
  const name = String(ref.tool_name);
  if (!byName.has(name)) return invalid(`Tool reference '${name}' has no corresponding tool definition`);
  loaded.add(name);
  return undefined;
}

/**
 * Runs the scripted searches of a reply against the request's deferred tools. A scripted tool_use of a
 * deferred tool that neither the transcript nor this reply loaded is a mistake in the test: the model could
 * not have called it.
 */
export function runToolSearches(r: FakeReply, body: Json, responseId: string): FakeReply | ApiFailure {
  if (r.kind === 'error') return r;
  if (!r.content.some((b) => b.type === 'tool_search' || b.type === 'tool_use')) return r;
  const tools = Array.isArray(body.tools) ? (body.tools as Json[]) : [];
  const searchTool = tools.find((t) => SEARCH_TOOLS[String(t.type)]);
  const deferred = tools.filter((t) => t.defer_loading === true);
  const loaded = loadedInTranscript(body);
  const content: FakeBlock[] = [];
  for (const [index, block] of r.content.entries()) {
    if (block.type === 'tool_search') {
      if (!searchTool) return scriptError(`the script searches for "${block.query}" but the request offers no tool search tool`);
      const id = `srvtoolu_fake_${responseId.slice(9)}_${index}`;
      const regex = String(searchTool.name) === 'tool_search_tool_regex';
      const found = regex ? searchRegex(deferred, block.query) : searchBm25(deferred, block.query);
      found.forEach((n) => loaded.add(n));
      content.push({ type: 'server_tool_use', id, name: String(searchTool.name), input: regex ? { pattern: block.query } : { query: block.query } });
      content.push({ type: 'tool_search_tool_result', tool_use_id: id, tool_names: found });
    } else {
      if (block.type === 'tool_use' && deferred.some((t) => t.name === block.name) && !loaded.has(block.name)) {
        return scriptError(`the script calls ${block.name}, which is deferred and was not found by any search before`);
      }
      content.push(block);
    }
  }
  return { ...r, content };
}

function scriptError(what: string): ApiFailure {
  return { status: 500, type: 'api_error', message: `Fake model script error: ${what}.` };
}

function loadedInTranscript(body: Json): Set<string> {
  const loaded = new Set<string>();
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      if (v.type === 'tool_reference' && typeof v.tool_name === 'string') loaded.add(v.tool_name);
      Object.values(v).forEach(visit);
    }
  };
  visit(body.messages);
  return loaded;
}

function searchableText(t: Json): string {
  const schema = isObject(t.input_schema) ? t.input_schema : {};
  const props = isObject(schema.properties) ? schema.properties : {};
  const argText = Object.entries(props).map(([k, v]) => `${k} ${isObject(v) && typeof v.description === 'string' ? v.description : ''}`);
  return [String(t.name), typeof t.description === 'string' ? t.description : '', ...argText].join(' ');
}

/** Word overlap weighted by rarity (a small BM25): names, descriptions, argument names and descriptions. */
function searchBm25(tools: Json[], query: string): string[] {
  const words = (s: string) =>
    s
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 1);
  const docs = tools.map((t) => ({ name: String(t.name), words: words(searchableText(t)) }));
  const terms = [...new Set(words(query))];
  const df = new Map(terms.map((term) => [term, docs.filter((d) => d.words.includes(term)).length]));
  const scored = docs
    .map((d) => ({
      name: d.name,
      score: terms.reduce((s, term) => {
        const tf = d.words.filter((w) => w === term).length;
        return tf === 0 ? s : s + Math.log(1 + (docs.length - df.get(term)! + 0.5) / (df.get(term)! + 0.5)) * ((tf * 2.2) / (tf + 1.2));
      }, 0),
    }))
    .filter((d) => d.score > 0)
    .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1));
  return scored.slice(0, MAX_REFERENCES).map((d) => d.name);
}

function searchRegex(tools: Json[], pattern: string): string[] {
  let re: RegExp;
  try {
    re = new RegExp(pattern.replace(/^\(\?i\)/, ''), pattern.startsWith('(?i)') ? 'i' : '');
  } catch {
    return [];
  }
  return tools
    .filter((t) => re.test(searchableText(t)))
    .slice(0, MAX_REFERENCES)
    .map((t) => String(t.name));
}
