// Prompt-cache simulation for the fake Messages API: a prefix up to a cache_control breakpoint is written
// to the cache; a later request whose prefix matches one (within 20 blocks before one of its own
// breakpoints, as the real API looks back) reads it.
import { createHash } from 'node:crypto';

export interface CacheUsage {
  input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

const LOOKBACK_BLOCKS = 20;
type Json = Record<string, unknown>;

export class PromptCache {
  private readonly entries = new Map<string, number>();

  /** Usage for one request, writing its breakpoints to the cache. */
  use(body: Json): CacheUsage {
    const segments = segmentsOf(body);
    const hashes: string[] = [];
    const tokens: number[] = [];
    let hash = createHash('sha256').update(String(body.model)).digest('hex');
    let chars = 0;
    for (const s of segments) {
      hash = createHash('sha256').update(hash).update(s.json).digest('hex');
      chars += s.json.length;
      hashes.push(hash);
      tokens.push(Math.ceil(chars / 4));
    }
    const total = tokens.at(-1) ?? 0;
    const breakpoints = segments.flatMap((s, i) => (s.breakpoint ? [i] : []));
    let read = 0;
    for (const bp of breakpoints) {
      for (let j = bp; j >= Math.max(0, bp - LOOKBACK_BLOCKS); j--) {
        if (this.entries.has(hashes[j]!)) {
          read = Math.max(read, tokens[j]!);
          break;
        }
      }
    }
    const lastBreakpoint = breakpoints.at(-1);
    const written = lastBreakpoint === undefined ? 0 : tokens[lastBreakpoint]!;
    const creation = Math.max(0, written - read);
    for (const bp of breakpoints) this.entries.set(hashes[bp]!, tokens[bp]!);
    return { input_tokens: Math.max(1, total - read - creation), cache_read_input_tokens: read, cache_creation_input_tokens: creation };
  }
}

function segmentsOf(body: Json): { json: string; breakpoint: boolean }[] {
  const out: { json: string; breakpoint: boolean }[] = [];
  const add = (prefix: string, block: unknown) => {
    const b = (typeof block === 'object' && block !== null ? block : { text: block }) as Json;
    const { cache_control, ...rest } = b;
    out.push({ json: prefix + JSON.stringify(rest), breakpoint: cache_control !== undefined && cache_control !== null });
  };
  // Deferred tools are not part of the prompt (a tool search loads them where its result stands), so they never break the prefix.
  for (const t of (body.tools as Json[] | undefined) ?? []) if (t.defer_loading !== true) add('tool:', t);
  const system = body.system;
  if (typeof system === 'string') add('system:', { type: 'text', text: system });
  else if (Array.isArray(system)) for (const b of system) add('system:', b);
  // A tool_reference loads its tool's definition where the reference stands (so it counts there, once).
  const byName = new Map(((body.tools as Json[] | undefined) ?? []).map((t) => [String(t.name), t]));
  const loadedHere = (b: unknown): unknown[] => {
    const refs: unknown[] = [];
    const visit = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (typeof v === 'object' && v !== null) {
        const o = v as Json;
        if (o.type === 'tool_reference' && byName.has(String(o.tool_name))) refs.push(byName.get(String(o.tool_name)));
        else Object.values(o).forEach(visit);
      }
    };
    visit(b);
    return refs;
  };
  for (const m of (body.messages as Json[] | undefined) ?? []) {
    const content = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : ((m.content as unknown[]) ?? []);
    for (const b of content) {
      const refs = loadedHere(b);
      add(`${String(m.role)}:`, refs.length ? { ...(b as Json), loaded: refs } : b);
    }
  }
  return out;
}
