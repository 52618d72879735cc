// What the fake Messages API answers when no reply is scripted: echo-ish text, and a tool call when
// the person writes "use <tool>" (optionally followed by a JSON object of arguments), after a tool search
// when that tool is deferred. Handy by hand.
import type { FakeReply } from './fakeAnthropicReplies.ts';

type Json = Record<string, unknown>;

export function defaultReply(body: Json): FakeReply {
  const messages = (body.messages as Json[]) ?? [];
  const last = messages.at(-1);
  const blocks = typeof last?.content === 'string' ? [{ type: 'text', text: last.content }] : ((last?.content as Json[]) ?? []);
  const results = blocks.filter((b) => b.type === 'tool_result');
  if (results.length > 0) {
    const summary = results.map((r) => `${r.is_error ? 'error: ' : ''}${resultText(r).slice(0, 300)}`).join('\n');
    return { kind: 'message', content: [{ type: 'text', text: `The tool returned:\n${summary}` }], stopReason: 'end_turn' };
  }
  const text = blocks
    .filter((b) => b.type === 'text')
    .map((b) => String(b.text))
    .join('\n');
  // Server tools (the tool search tool) have no input schema and are not called by name.
  const tools = ((body.tools as Json[]) ?? []).filter((t) => t.input_schema).map((t) => t as { name: string; input_schema: Json; defer_loading?: boolean });
  const wanted = /\buse\s+([A-Za-z0-9_.-]+)/i.exec(text)?.[1];
  if (wanted) {
    const tool = tools.find((t) => t.name === wanted) ?? tools.find((t) => t.name.endsWith(`__${wanted}`)) ?? tools.find((t) => t.name.includes(wanted));
    if (tool) {
      const after = text.slice(text.indexOf(wanted) + wanted.length);
      const input = parseObject(after) ?? sampleInput(tool.input_schema);
      return {
        kind: 'message',
        // A deferred tool is found with tool search first, as Claude would.
        content: [
          ...(tool.defer_loading ? [{ type: 'tool_search' as const, query: tool.name.replace(/_+/g, ' ') }] : []),
          { type: 'text', text: `Calling ${tool.name}.` },
          { type: 'tool_use', name: tool.name, input },
        ],
        stopReason: 'tool_use',
      };
    }
  }
  return { kind: 'message', content: [{ type: 'text', text: `You said: ${text || '(nothing)'}` }], stopReason: 'end_turn' };
}

function resultText(result: Json): string {
  if (typeof result.content === 'string') return result.content;
  return ((result.content as Json[]) ?? []).map((b) => (b.type === 'text' ? String(b.text) : `[${String(b.type)}]`)).join(' ');
}

function parseObject(text: string): Json | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    const v = JSON.parse(text.slice(start, end + 1)) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** An input that satisfies the schema's required properties with simple values. */
export function sampleInput(schema: Json): Json {
  const props = (schema.properties as Record<string, Json> | undefined) ?? {};
  const input: Json = {};
  for (const name of (schema.required as string[] | undefined) ?? []) {
    const p = props[name] ?? {};
    const enumValues = p.enum as unknown[] | undefined;
    input[name] =
      enumValues?.[0] ??
      (p.type === 'number' || p.type === 'integer' ? 1 : p.type === 'boolean' ? true : p.type === 'array' ? [] : p.type === 'object' ? {} : 'hello');
  }
  return input;
}
