// The one contract between the renderer and the host core (DESIGN.md §3).
// This file imports no runtime code, so preload/ can bundle HOST_METHODS and HOST_EVENTS alone.
import type { HostErrorData } from './errors.ts';
import type { MethodParams, ParsedParams } from './schemas.ts';
import type {
  ChatEvent,
  CompletionView,
  ElicitationView,
  McpLogLevel,
  PromptResultView,
  PromptView,
  ResourceReadView,
  ResourceTemplateView,
  ResourceView,
  RootsView,
  SamplingLimitsView,
  SamplingLogEntry,
  SamplingRequestView,
  ConfigIssue,
  ConfigView,
  ConversationSummary,
  ConversationView,
  GrantView,
  HostInfo,
  NoticeView,
  PendingApprovalView,
  LogLine,
  ServerView,
  SettingsView,
} from './views.ts';

export interface ImportResult {
  added: string[];
  updated: string[];
  issues: ConfigIssue[];
}

interface Results {
  'host.info': HostInfo;
  'config.get': ConfigView;
  'servers.list': ServerView[];
  'servers.upsert': ServerView;
  'servers.remove': { removed: string };
  'servers.setDisabled': ServerView;
  'servers.start': ServerView;
  'servers.stop': ServerView;
  'servers.restart': ServerView;
  'servers.setToolEnabled': ServerView;
  'servers.logs': LogLine[];
  'servers.import': ImportResult;
  'settings.get': SettingsView;
  'settings.update': SettingsView;
  'conversations.list': ConversationSummary[];
  'conversations.get': ConversationView;
  'conversations.create': ConversationSummary;
  'conversations.rename': ConversationSummary;
  'conversations.delete': { deleted: string };
  'chat.send': { turnId: string };
  'chat.cancel': { cancelled: boolean };
  'chat.retry': { turnId: string };
  'tools.decide': { decided: boolean };
  'approvals.list': PendingApprovalView[];
  'grants.list': GrantView[];
  'grants.revoke': { revoked: boolean };
  'servers.approveLaunch': ServerView;
  'servers.setTrust': ServerView;
  'resources.list': ResourceView[];
  'resources.templates': ResourceTemplateView[];
  'resources.expandTemplate': { uri: string };
  'resources.read': ResourceReadView;
  'resources.subscribe': { server: string; uri: string; subscribed: boolean };
  'resources.unsubscribe': { server: string; uri: string; subscribed: boolean };
  'prompts.list': PromptView[];
  'prompts.get': PromptResultView;
  /** `turnId` is set when the last inserted message was the person's, so Claude answers. */
  'prompts.run': { inserted: number; turnId?: string };
  'completions.complete': CompletionView;
  'sampling.list': SamplingRequestView[];
  'sampling.decide': { decided: boolean };
  'sampling.log': SamplingLogEntry[];
  'sampling.limits': SamplingLimitsView;
  'sampling.setLimits': SamplingLimitsView;
  'elicitation.list': ElicitationView[];
  'elicitation.respond': { responded: boolean };
  'roots.get': RootsView;
  'roots.set': RootsView;
  'logging.setLevel': { server: string; level: McpLogLevel };
}

/** Every method, once. The IPC bridge, the preload and the WebSocket router are generated from it. */
export const HOST_METHODS = [
  'host.info',
  'config.get',
  'servers.list',
  'servers.upsert',
  'servers.remove',
  'servers.setDisabled',
  'servers.start',
  'servers.stop',
  'servers.restart',
  'servers.setToolEnabled',
  'servers.logs',
  'servers.import',
  'settings.get',
  'settings.update',
  'conversations.list',
  'conversations.get',
  'conversations.create',
  'conversations.rename',
  'conversations.delete',
  'chat.send',
  'chat.cancel',
  'chat.retry',
  'tools.decide',
  'approvals.list',
  'grants.list',
  'grants.revoke',
  'servers.approveLaunch',
  'servers.setTrust',
  'resources.list',
  'resources.templates',
  'resources.expandTemplate',
  'resources.read',
  'resources.subscribe',
  'resources.unsubscribe',
  'prompts.list',
  'prompts.get',
  'prompts.run',
  'completions.complete',
  'sampling.list',
  'sampling.decide',
  'sampling.log',
  'sampling.limits',
  'sampling.setLimits',
  'elicitation.list',
  'elicitation.respond',
  'roots.get',
  'roots.set',
  'logging.setLevel',
] as const satisfies readonly (keyof Results)[];

export type HostMethod = (typeof HOST_METHODS)[number];

export type HostMethods = {
  [M in HostMethod]: { params: MethodParams<M>; result: Results[M] };
};

export interface HostEvents {
  'servers.changed': { kind: 'upsert'; server: ServerView } | { kind: 'removed'; name: string };
  'servers.log': { name: string; line: LogLine };
  'config.changed': ConfigView;
  'settings.changed': SettingsView;
  'conversations.changed': { conversations: ConversationSummary[] };
  'chat.event': ChatEvent;
  'approvals.changed': { pending: PendingApprovalView[] };
  'grants.changed': { grants: GrantView[] };
  'host.notice': NoticeView;
  'sampling.changed': { pending: SamplingRequestView[] };
  'sampling.logged': { entry: SamplingLogEntry };
  'elicitation.changed': { pending: ElicitationView[] };
  /** A URL-mode elicitation finished on the server's side (`notifications/elicitation/complete`). */
  'elicitation.completed': { server: string; elicitationId: string };
  /** The server's resource list (or templates) changed, or it (re)connected: list again. */
  'resources.changed': { server: string };
  /** A subscribed resource changed: read it again. */
  'resources.updated': { server: string; uri: string };
  'prompts.changed': { server: string };
  'roots.changed': RootsView;
}

export const HOST_EVENTS = [
  'servers.changed',
  'servers.log',
  'config.changed',
  'settings.changed',
  'conversations.changed',
  'chat.event',
  'approvals.changed',
  'grants.changed',
  'host.notice',
  'sampling.changed',
  'sampling.logged',
  'elicitation.changed',
  'elicitation.completed',
  'resources.changed',
  'resources.updated',
  'prompts.changed',
  'roots.changed',
] as const satisfies readonly (keyof HostEvents)[];

export type HostEvent = (typeof HOST_EVENTS)[number];

/** What the renderer holds: one async function per method, and `on` that returns its unsubscribe. */
export type HostApi = {
  [M in HostMethod]: (params: HostMethods[M]['params']) => Promise<HostMethods[M]['result']>;
} & {
  on<E extends HostEvent>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
};

/** One method's answer across Electron IPC: errors lose their fields when thrown across the bridge, so they travel as data. */
export type IpcResult<T> = { ok: true; result: T } | { ok: false; error: HostErrorData };

/** What preload/ exposes at `window.host`: one function per method, and `on`. */
export type HostBridge = {
  [M in HostMethod]: (params: HostMethods[M]['params']) => Promise<IpcResult<HostMethods[M]['result']>>;
} & {
  on<E extends HostEvent>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
};

/** What the core implements: the bridges call `call` after validating params with the method's schema. */
export interface HostService {
  /** Checks the params with the method's schema, then runs it. */
  call<M extends HostMethod>(method: M, params: HostMethods[M]['params']): Promise<HostMethods[M]['result']>;
  /** For the bridges, which already checked the params with parseParams: each call is validated once. */
  callParsed<M extends HostMethod>(method: M, params: ParsedParams<M>): Promise<HostMethods[M]['result']>;
  on<E extends HostEvent>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
  dispose(): Promise<void>;
}

const methodSet: ReadonlySet<string> = new Set(HOST_METHODS);

export function isHostMethod(value: unknown): value is HostMethod {
  return typeof value === 'string' && methodSet.has(value);
}

export function isHostEvent(value: unknown): value is HostEvent {
  return typeof value === 'string' && (HOST_EVENTS as readonly string[]).includes(value);
}
