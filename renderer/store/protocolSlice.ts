// The protocol slice, the client side of MCP: prompts, resources, server requests waiting for the person
// (sampling, elicitation), roots and composer attachments. Its state, initial value, actions and event
// subscriptions; the actions themselves are long, so they live in protocolActions.ts (prompts, resources,
// completions, attachments, roots, log levels) and requestActions.ts (sampling and elicitation).
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
import { applyPendingChange } from './pendingChange.ts';
import { protocolActions, resourceKey } from './protocolActions.ts';
import { addLogEntry, requestActions } from './requestActions.ts';
import type { SliceContext } from './sliceTools.ts';

export interface ProtocolSlice {
  /** Each ready server's prompts (slash commands), by server name. */
  prompts: Record<string, PromptView[]>;
  /** Each server's resources and templates, once asked for, by server name. */
  resources: Record<string, ResourceView[] | undefined>;
  templates: Record<string, ResourceTemplateView[] | undefined>;
  resourceError: Record<string, string | undefined>;
  /** `server\nuri` → when the server last said a subscribed resource changed. */
  updated: Record<string, number | undefined>;
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
  sampling: [],
  samplingLog: [],
  samplingLimits: {},
  elicitations: [],
  elicitationsDone: [],
  answering: {},
  roots: null,
  attachments: {},
};

export type CompleteParams = { server: string; ref: CompletionRefView; argument: { name: string; value: string }; context?: { arguments: Record<string, string> } };

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

export function protocolSlice(ctx: SliceContext) {
  const { api, set, get } = ctx;
  const setProtocol = (change: (p: ProtocolSlice) => ProtocolSlice) => set((st) => ({ protocol: change(st.protocol) }));
  const protocol = protocolActions(ctx);
  const { loadRequests, ...requests } = requestActions(ctx);
  const actions: ProtocolActions = { ...protocol, ...requests };
  return {
    actions,
    /** The loads at start, each settled on its own by the caller. */
    load: (): Promise<void>[] => [loadRequests(), protocol.loadPrompts(), protocol.loadRoots()],
    subscribe: (): (() => void)[] => [
      api.on('sampling.changed', (change) => setProtocol((p) => ({ ...p, sampling: applyPendingChange(p.sampling, change) }))),
      api.on('sampling.logged', ({ entry }) => setProtocol((p) => ({ ...p, samplingLog: addLogEntry(p.samplingLog, entry) }))),
      api.on('elicitation.changed', (change) =>
        setProtocol((p) => {
          const pending = applyPendingChange(p.elicitations, change);
          return { ...p, elicitations: pending, elicitationsDone: p.elicitationsDone.filter((id) => pending.some((e) => e.mode === 'url' && e.elicitationId === id)) };
        }),
      ),
      api.on('elicitation.completed', ({ elicitationId }) => setProtocol((p) => ({ ...p, elicitationsDone: [...p.elicitationsDone, elicitationId] }))),
      api.on('resources.changed', ({ server }) => {
        if (get().protocol.resources[server] !== undefined) void protocol.loadResources(server);
      }),
      api.on('resources.updated', ({ server, uri }) => setProtocol((p) => ({ ...p, updated: { ...p.updated, [resourceKey(server, uri)]: Date.now() } }))),
      api.on('prompts.changed', ({ server }) => void protocol.loadPrompts(server)),
      api.on('roots.changed', (roots) => setProtocol((p) => ({ ...p, roots }))),
    ],
  };
}
