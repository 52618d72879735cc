// Prompts, resources, completions, composer attachments, roots and log levels: the actions, and the
// pure reducers their events use.
import type { AttachmentView, PromptView, ServerView } from '../../app/api/index.ts';
import type { ProtocolActions, ProtocolSlice } from './protocolSlice.ts';
import { toActionError } from './actionError.ts';
import { applyServersChanged, newer } from './serversSlice.ts';
import { omitKey, patchRecord, type SliceContext } from './sliceTools.ts';

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

type ProtocolActionNames =
  | 'loadPrompts'
  | 'runPrompt'
  | 'complete'
  | 'loadResources'
  | 'readResource'
  | 'expandTemplate'
  | 'setSubscribed'
  | 'attach'
  | 'detach'
  | 'loadRoots'
  | 'setRoots'
  | 'setLogLevel';

export function protocolActions({ api, set, get, notifyError }: SliceContext): Pick<ProtocolActions, ProtocolActionNames> {
  const setProtocol = (change: (p: ProtocolSlice) => ProtocolSlice) => set((st) => ({ protocol: change(st.protocol) }));
  const draftKey = (conversationId: string | null) => conversationId ?? '';

  return {
    async loadPrompts(server) {
      try {
        const list = await api['prompts.list'](server ? { server } : {});
        setProtocol((p) => ({ ...p, prompts: server ? patchRecord(p.prompts, server, list) : groupByServer(list) }));
      } catch {
        if (server) setProtocol((p) => ({ ...p, prompts: omitKey(p.prompts, server) }));
      }
    },
    async runPrompt(server, name, args) {
      const id = await get().actions.ensureConversation();
      if (!id) return { message: 'Could not start a conversation for this prompt.' };
      const conversationId = id;
      const setSending = (on: boolean) => set((st) => ({ chat: { ...st.chat, sending: patchRecord(st.chat.sending, conversationId, on) } }));
      setSending(true);
      try {
        const { turnId } = await api['prompts.run']({ conversationId, server, name, arguments: args });
        if (turnId) {
          set((st) => ({
            chat: { ...st.chat, turns: patchRecord(st.chat.turns, conversationId, { ...(st.chat.turns[conversationId] ?? {}), running: true, turnId }) },
          }));
        }
        return null;
      } catch (error) {
        return toActionError(error);
      } finally {
        setSending(false);
      }
    },
    async complete(params) {
      try {
        return (await api['completions.complete'](params)).values;
      } catch {
        return [];
      }
    },
    async loadResources(server) {
      const key = server ?? '';
      try {
        const [resources, templates] = await Promise.all([
          api['resources.list'](server ? { server } : {}),
          api['resources.templates'](server ? { server } : {}),
        ]);
        setProtocol((p) => {
          const byServer = server ? { [server]: resources } : groupByServer(resources);
          const tByServer = server ? { [server]: templates } : groupByServer(templates);
          return {
            ...p,
            resources: { ...p.resources, ...byServer },
            templates: { ...p.templates, ...tByServer },
            resourceError: omitKey(p.resourceError, key),
          };
        });
      } catch (error) {
        setProtocol((p) => ({ ...p, resourceError: patchRecord(p.resourceError, key, toActionError(error).message) }));
      }
    },
    async readResource(server, uri) {
      try {
        const view = await api['resources.read']({ server, uri });
        setProtocol((p) => ({ ...p, updated: omitKey(p.updated, resourceKey(server, uri)) }));
        return view;
      } catch (error) {
        return toActionError(error);
      }
    },
    async expandTemplate(uriTemplate, variables) {
      try {
        return await api['resources.expandTemplate']({ uriTemplate, variables });
      } catch (error) {
        return toActionError(error);
      }
    },
    async setSubscribed(server, uri, subscribed) {
      try {
        const result = subscribed ? await api['resources.subscribe']({ server, uri }) : await api['resources.unsubscribe']({ server, uri });
        setProtocol((p) => ({
          ...p,
          resources: patchRecord(
            p.resources,
            server,
            (p.resources[server] ?? []).map((r) => (r.uri === uri ? { ...r, subscribed: result.subscribed } : r)),
          ),
          updated: result.subscribed ? p.updated : omitKey(p.updated, resourceKey(server, uri)),
        }));
        return null;
      } catch (error) {
        return toActionError(error);
      }
    },
    attach(conversationId, attachment: AttachmentView) {
      const key = draftKey(conversationId);
      setProtocol((p) => {
        const list = p.attachments[key] ?? [];
        if (list.some((a) => sameResource(a, attachment))) return p;
        return { ...p, attachments: patchRecord(p.attachments, key, [...list, attachment]) };
      });
    },
    detach(conversationId, attachment) {
      const key = draftKey(conversationId);
      setProtocol((p) => ({ ...p, attachments: patchRecord(p.attachments, key, (p.attachments[key] ?? []).filter((a) => !sameResource(a, attachment))) }));
    },
    async loadRoots() {
      try {
        const roots = await api['roots.get']({});
        setProtocol((p) => ({ ...p, roots }));
      } catch (error) {
        notifyError(toActionError(error).message);
      }
    },
    async setRoots(roots) {
      try {
        const saved = await api['roots.set'](roots);
        setProtocol((p) => ({ ...p, roots: saved }));
        return null;
      } catch (error) {
        return toActionError(error);
      }
    },
    async setLogLevel(server, level) {
      try {
        await api['logging.setLevel']({ server, level });
        set((st) => {
          const current = st.servers.byName[server];
          if (!current) return {};
          return { servers: applyServersChanged(st.servers, { kind: 'upsert', server: newer(current, { ...current, logLevel: level }) }) };
        });
      } catch (error) {
        set((st) => ({ servers: { ...st.servers, actionError: patchRecord(st.servers.actionError, server, toActionError(error)) } }));
      }
    },
  };
}
