// The protocol slice's pure helpers: keys, grouping and the reducers its events and the pages use.
import type { PromptView, SamplingLogEntry, ServerView } from '../../app/api/index.ts';
import type { ProtocolSlice } from './protocolSlice.ts';
import { omitKey } from './sliceTools.ts';

export const resourceKey = (server: string, uri: string) => `${server}\n${uri}`;

export function groupByServer<T extends { server: string }>(items: T[]): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const item of items) (out[item.server] ??= []).push(item);
  return out;
}

/** A server that is no longer ready has no prompts or resources to offer. */
export function forgetServer(slice: ProtocolSlice, name: string): ProtocolSlice {
  if (!(name in slice.prompts) && !(name in slice.resources) && !(name in slice.templates)) return slice;
  return { ...slice, prompts: omitKey(slice.prompts, name), resources: omitKey(slice.resources, name), templates: omitKey(slice.templates, name) };
}

export function onServerChanged(slice: ProtocolSlice, server: ServerView): ProtocolSlice {
  return server.state.kind === 'ready' ? slice : forgetServer(slice, server.name);
}

/** Every prompt of every server, in server order: the slash-command list. */
export function allPrompts(prompts: Record<string, PromptView[]>, order: string[]): PromptView[] {
  const names = [...order.filter((n) => n in prompts), ...Object.keys(prompts).filter((n) => !order.includes(n))];
  return names.flatMap((n) => prompts[n] ?? []);
}

export function sameResource(a: { server: string; uri: string }, b: { server: string; uri: string }): boolean {
  return a.server === b.server && a.uri === b.uri;
}

const MAX_LOG_ENTRIES = 500;

/** Newest first, one entry per request id. */
export function addLogEntry(log: SamplingLogEntry[], entry: SamplingLogEntry): SamplingLogEntry[] {
  return [entry, ...log.filter((e) => e.id !== entry.id)].slice(0, MAX_LOG_ENTRIES);
}
