// What apps asked Claude to know (`ui/update-model-context`): the latest text per app (server + tool)
// per conversation, sent once with the person's next message as a labelled context block and shown
// on that message as an attachment chip.
import type { PreparedAttachments } from '../protocol/resourceAttachments.ts';

const MAX_CHARS = 100_000;

interface Entry {
  server: string;
  tool: string;
  uri: string;
  text: string;
}

export class AppModelContext {
  private readonly byConversation = new Map<string, Map<string, Entry>>();

  /** Replaces this app's context; empty text clears it. */
  set(conversationId: string, entry: Entry): void {
    let apps = this.byConversation.get(conversationId);
    if (!apps) this.byConversation.set(conversationId, (apps = new Map()));
    const key = `${entry.server}\n${entry.tool}`;
    if (entry.text.trim() === '') apps.delete(key);
    else apps.set(key, { ...entry, text: entry.text.slice(0, MAX_CHARS) });
    if (apps.size === 0) this.byConversation.delete(conversationId);
  }

  /** The pending context of a conversation as message blocks; `forget` it once the message is sent. */
  pending(conversationId: string): PreparedAttachments | undefined {
    const apps = this.byConversation.get(conversationId);
    if (!apps || apps.size === 0) return undefined;
    const entries = [...apps.values()];
    return {
      blocks: entries.map((e) => ({
        type: 'text' as const,
        text: `[Context from the app of the tool "${e.tool}" of MCP server "${e.server}" (${e.uri}); the app wrote it, not the person]\n${e.text}`,
      })),
      views: entries.map((e) => ({ server: e.server, uri: e.uri, name: `App context: ${e.tool}` })),
    };
  }

  forget(conversationId: string): void {
    this.byConversation.delete(conversationId);
  }
}

/** Joins the resources the person attached and the apps' context, in that order. */
export function mergeAttachments(...parts: (PreparedAttachments | undefined)[]): PreparedAttachments | undefined {
  const present = parts.filter((p): p is PreparedAttachments => p !== undefined);
  if (present.length === 0) return undefined;
  return { blocks: present.flatMap((p) => p.blocks), views: present.flatMap((p) => p.views) };
}
