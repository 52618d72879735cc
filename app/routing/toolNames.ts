// Model-facing tool names: `server__tool`, API-safe (^[a-zA-Z0-9_-]{1,64}$), unique and stable (DESIGN.md §4.4).
import { createHash } from 'node:crypto';

export const API_TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
export const MAX_API_TOOL_NAME = 64;
const SEPARATOR = '__';
const HASH_CHARS = 6;

export interface ToolKey {
  server: string;
  toolName: string;
}

function sanitize(part: string): string {
  const clean = part.replace(/[^A-Za-z0-9_-]/g, '_');
  return clean.length > 0 ? clean : '_';
}

/** The readable name before any collision handling: `github` + `search.issues` → `github__search_issues`. */
export function baseApiName(server: string, toolName: string): string {
  return `${sanitize(server)}${SEPARATOR}${sanitize(toolName)}`;
}

/** Hex of sha256(`server\0tool`): the same pair always gets the same suffix. */
export function toolHash(server: string, toolName: string, chars = HASH_CHARS): string {
  return createHash('sha256').update(`${server}\0${toolName}`).digest('hex').slice(0, chars);
}

/** The base name cut to fit, with `_<hash>` appended; at most 64 characters. */
export function hashedApiName(server: string, toolName: string, chars = HASH_CHARS): string {
  const suffix = `_${toolHash(server, toolName, chars)}`;
  return baseApiName(server, toolName).slice(0, MAX_API_TOOL_NAME - suffix.length) + suffix;
}

export function toolKey(server: string, toolName: string): string {
  return `${server}\0${toolName}`;
}

/**
 * Assigns every (server, tool) pair a unique API name. The result depends only on the set of pairs,
 * never on their order: a pair keeps its readable name unless it is too long or another pair would
 * get the same one, in which case every pair in that clash gets a hash suffix.
 * Returns a map keyed by `toolKey(server, tool)`.
 */
export function assignApiNames(pairs: readonly ToolKey[]): Map<string, string> {
  const sorted = [...pairs].sort((a, b) => compare(toolKey(a.server, a.toolName), toolKey(b.server, b.toolName)));
  const byBase = new Map<string, ToolKey[]>();
  for (const pair of sorted) {
    const base = baseApiName(pair.server, pair.toolName);
    const group = byBase.get(base);
    if (group) group.push(pair);
    else byBase.set(base, [pair]);
  }
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const hashed: ToolKey[] = [];
  for (const [base, group] of byBase) {
    if (group.length === 1 && base.length <= MAX_API_TOOL_NAME) {
      names.set(toolKey(group[0]!.server, group[0]!.toolName), base);
      taken.add(base);
    } else {
      hashed.push(...group);
    }
  }
  for (const pair of hashed) {
    let chars = HASH_CHARS;
    let name = hashedApiName(pair.server, pair.toolName, chars);
    while (taken.has(name) && chars < 32) {
      chars += 2;
      name = hashedApiName(pair.server, pair.toolName, chars);
    }
    names.set(toolKey(pair.server, pair.toolName), name);
    taken.add(name);
  }
  return names;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
