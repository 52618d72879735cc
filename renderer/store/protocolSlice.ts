// The protocol slice, the client side of MCP: prompts, resources, server requests waiting for the person
// (sampling, elicitation), roots, log levels and composer attachments. Its state, initial value, actions
// and event subscriptions; the pure helpers its events and the pages share are in protocolState.ts.
import type {
  AttachmentView,
  CompletionRefView,
  ElicitationAction,
  ElicitationView,
  McpLogLevel,
  PromptView,
  ResourceReadView,
  ResourceTemplateView,
  ResourceView,
  RootsView,
  SamplingDecision,
  SamplingLimitsView,
  SamplingLogEntry,
  SamplingRequestView,
} from '../../app/api/index.ts';
import type { MethodParams } from '../../app/api/schemas.ts';
import type { ActionError } from './appState.ts';
import { toActionError } from './actionError.ts';
import { applyPendingChange } from './pendingChange.ts';
import { addLogEntry, groupByServer, resourceKey, sameResource } from './protocolState.ts';
import { applyServersChanged, newer } from './serversSlice.ts';
import { omitKey, patchRecord, type SliceContext } from './sliceTools.ts';

export interface ProtocolSlice {
  /** Each ready server's prompts (slash commands), by server name. */
  prompts: Record<string, PromptView[]>;
  /** Each server's resources and templates, once asked for, by server name. */
  resources: Record<string, ResourceView[] | undefined>;
  templates: Record<string, ResourceTemplateView[] | undefined>;
  resourceError: Record<string, string | undefined>;
  /** `server\nuri` → when the server last said a subscribed resource changed. */
  updated: Record<string, number | undefined>;
  /** How many times each server's resource list changed since start (its apps are told each time). */
  resourceListChanges: Record<string, number | undefined>;
  /** Sampling requests waiting for consent, oldest first. */
  sampling: SamplingRequestView[];
  samplingLog: SamplingLogEntry[];
  samplingLimits: Record<string, SamplingLimitsView | undefined>;
  /** Elicitations waiting for the person, oldest first. */
  elicitations: ElicitationView[];
  /** URL elicitations the server said are finished (`elicitationId`s). */
  elicitationsDone: string[];
  /** Requests (sampling or elicitation ids) whose answer is on its way. */
  answering: Record<string, boolean | undefined>;
  roots: RootsView | null;
  /** Resources attached to the composer, per draft key (`''`: not yet created). */
  attachments: Record<string, AttachmentView[] | undefined>;
}

export const initialProtocol: ProtocolSlice = {
  prompts: {},
  resources: {},
  templates: {},
  resourceError: {},
  updated: {},
  resourceListChanges: {},
  sampling: [],
  samplingLog: [],
  samplingLimits: {},
  elicitations: [],
  elicitationsDone: [],
  answering: {},
  roots: null,
  attachments: {},
};

export type CompleteParams = {
  server: string;
  ref: CompletionRefView;
  argument: { name: string; value: string };
  context?: { arguments: Record<string, string> };
};

export interface ProtocolActions {
  loadPrompts(server?: string): Promise<void>;
  /** Runs a prompt into the open conversation (one is created when none is open). */
  runPrompt(server: string, name: string, args: Record<string, string>): Promise<ActionError | null>;
  /** Suggestions for a prompt argument or template variable; empty when there are none or the ask fails. */
  complete(params: CompleteParams): Promise<string[]>;
  loadResources(server?: string): Promise<void>;
  readResource(server: string, uri: string): Promise<ResourceReadView | ActionError>;
  expandTemplate(uriTemplate: string, variables: Record<string, string>): Promise<{ uri: string } | ActionError>;
  setSubscribed(server: string, uri: string, subscribed: boolean): Promise<ActionError | null>;
  attach(conversationId: string | null, attachment: AttachmentView): void;
  detach(conversationId: string | null, attachment: { server: string; uri: string }): void;

  decideSampling(id: string, decision: SamplingDecision, edited?: MethodParams<'sampling.decide'>['edited']): Promise<ActionError | null>;
  loadSamplingLog(): Promise<void>;
  loadSamplingLimits(server: string): Promise<void>;
  setSamplingLimits(server: string, patch: { enabled?: boolean; maxTokens?: number }): Promise<ActionError | null>;
  respondElicitation(id: string, action: ElicitationAction, content?: MethodParams<'elicitation.respond'>['content']): Promise<ActionError | null>;
  loadRoots(): Promise<void>;
  setRoots(roots: RootsView): Promise<ActionError | null>;
  setLogLevel(server: string, level: McpLogLevel): Promise<void>;
}

export function protocolSlice({ api, set, get, notifyError }: SliceContext) {
  const setProtocol = (change: (p: ProtocolSlice) => ProtocolSlice) => set((st) => ({ protocol: change(st.protocol) }));
  const draftKey = (conversationId: string | null) => conversationId ?? '';

  async function answer(id: string, call: () => Promise<unknown>, drop: (p: ProtocolSlice) => ProtocolSlice) {
    setProtocol((p) => ({ ...p, answering: patchRecord(p.answering, id, true) }));
    try {
      await call();
      setProtocol(drop);
      return null;
    } catch (error) {
      return toActionError(error);
    } finally {
      setProtocol((p) => ({ ...p, answering: omitKey(p.answering, id) }));
    }
  }

  async function loadRequests(): Promise<void> {
    const [sampling, elicitations, log] = await Promise.allSettled([api['sampling.list']({}), api['elicitation.list']({}), api['sampling.log']({})]);
    setProtocol((p) => ({
      ...p,
      sampling: sampling.status === 'fulfilled' ? sampling.value : p.sampling,
      elicitations: elicitations.status === 'fulfilled' ? elicitations.value : p.elicitations,
      samplingLog: log.status === 'fulfilled' ? [...log.value].sort((a, b) => b.finishedAt - a.finishedAt) : p.samplingLog,
    }));
  }

  const actions: ProtocolActions = {
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
      setProtocol((p) => ({
        ...p,
        attachments: patchRecord(
          p.attachments,
          key,
          (p.attachments[key] ?? []).filter((a) => !sameResource(a, attachment)),
        ),
      }));
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
          return { servers: applyServersChanged(st.servers, { kind: 'upsert', view: newer(current, { ...current, logLevel: level }) }) };
        });
      } catch (error) {
        set((st) => ({ servers: { ...st.servers, actionError: patchRecord(st.servers.actionError, server, toActionError(error)) } }));
      }
    },

    decideSampling(id, decision, edited) {
      return answer(
        id,
        () => api['sampling.decide']({ id, decision, ...(edited ? { edited } : {}) }),
        (p) => ({ ...p, sampling: p.sampling.filter((r) => r.id !== id) }),
      );
    },
    async loadSamplingLog() {
      try {
        const log = await api['sampling.log']({});
        setProtocol((p) => ({ ...p, samplingLog: [...log].sort((a, b) => b.finishedAt - a.finishedAt) }));
      } catch {
        /* the log keeps what arrived live */
      }
    },
    async loadSamplingLimits(server) {
      try {
        const limits = await api['sampling.limits']({ server });
        setProtocol((p) => ({ ...p, samplingLimits: patchRecord(p.samplingLimits, server, limits) }));
      } catch {
        /* shown as loading until the server is known */
      }
    },
    async setSamplingLimits(server, patch) {
      try {
        const limits = await api['sampling.setLimits']({ server, ...patch });
        setProtocol((p) => ({ ...p, samplingLimits: patchRecord(p.samplingLimits, server, limits) }));
        return null;
      } catch (error) {
        return toActionError(error);
      }
    },
    respondElicitation(id, action, content) {
      return answer(
        id,
        () => api['elicitation.respond']({ id, action, ...(content ? { content } : {}) }),
        (p) => ({ ...p, elicitations: p.elicitations.filter((e) => e.id !== id) }),
      );
    },
  };
  return {
    actions,
    /** The loads at start, each settled on its own by the caller. */
    load: (): Promise<void>[] => [loadRequests(), actions.loadPrompts(), actions.loadRoots()],
    subscribe: (): (() => void)[] => [
      api.on('sampling.changed', (change) => setProtocol((p) => ({ ...p, sampling: applyPendingChange(p.sampling, change) }))),
      api.on('sampling.logged', ({ entry }) => setProtocol((p) => ({ ...p, samplingLog: addLogEntry(p.samplingLog, entry) }))),
      api.on('elicitation.changed', (change) =>
        setProtocol((p) => {
          const pending = applyPendingChange(p.elicitations, change);
          return {
            ...p,
            elicitations: pending,
            elicitationsDone: p.elicitationsDone.filter((id) => pending.some((e) => e.mode === 'url' && e.elicitationId === id)),
          };
        }),
      ),
      api.on('elicitation.completed', ({ elicitationId }) => setProtocol((p) => ({ ...p, elicitationsDone: [...p.elicitationsDone, elicitationId] }))),
      api.on('resources.changed', ({ server }) => {
        setProtocol((p) => ({ ...p, resourceListChanges: { ...p.resourceListChanges, [server]: (p.resourceListChanges[server] ?? 0) + 1 } }));
        if (get().protocol.resources[server] !== undefined) void actions.loadResources(server);
      }),
      api.on('resources.updated', ({ server, uri }) => setProtocol((p) => ({ ...p, updated: { ...p.updated, [resourceKey(server, uri)]: Date.now() } }))),
      api.on('prompts.changed', ({ server }) => void actions.loadPrompts(server)),
      api.on('roots.changed', (roots) => setProtocol((p) => ({ ...p, roots }))),
    ],
  };
}
