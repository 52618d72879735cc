// The one contract between the renderer and the host core (DESIGN.md §3).
// This file imports no runtime code, so preload/ can bundle HOST_METHODS and HOST_EVENTS alone.
import type { HostErrorData } from './errors.ts';
import type { MethodParams, MethodSchemas, ParsedParams } from './schemas.ts';
import type {
  AppResourceView,
  AppToolResult,
  ChatEvent,
  ToolCallView,
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
  ConversationSearchHit,
  ConversationSummary,
  TaskListItemView,
  ConversationView,
  GrantView,
  HostInfo,
  NoticeView,
  PendingApprovalView,
  PendingChange,
  LogLine,
  ServerView,
  SettingsView,
  SignInStart,
} from './views.ts';
import type { BundleReviewView, ImportDiscoveryView, LinkReviewView, RegistryPageView } from './installViews.ts';

export interface ImportResult {
  added: string[];
  updated: string[];
  issues: ConfigIssue[];
  /** Inline secret values that were moved into the secret store (config.json now holds references). */
  secretsMoved?: { server: string; names: string[] }[];
}

/** A method's result type, named once beside the method; at run time only the method's name matters. */
interface Returns<T> {
  readonly result: T[];
}
const returns = <T>(): Returns<T> => ({ result: [] });

/**
 * Every method, once, with its result. HOST_METHODS (the IPC bridge, the preload and the WebSocket router
 * are generated from it) and Results derive from this; methodSchemas must name exactly the same methods.
 */
const methods = {
  'host.info': returns<HostInfo>(),
  /** Web mode only: a link that signs in one more tab or browser, once, before `expiresAt` (epoch ms). */
  'host.newSignInLink': returns<{ url: string; expiresAt: number }>(),
  'config.get': returns<ConfigView>(),
  'servers.list': returns<ServerView[]>(),
  'servers.upsert': returns<ServerView>(),
  'servers.remove': returns<{ removed: string }>(),
  'servers.setDisabled': returns<ServerView>(),
  'servers.start': returns<ServerView>(),
  'servers.stop': returns<ServerView>(),
  'servers.restart': returns<ServerView>(),
  'servers.setToolEnabled': returns<ServerView>(),
  'servers.logs': returns<LogLine[]>(),
  'servers.import': returns<ImportResult>(),
  'settings.get': returns<SettingsView>(),
  'settings.update': returns<SettingsView>(),
  'conversations.list': returns<ConversationSummary[]>(),
  'conversations.search': returns<ConversationSearchHit[]>(),
  'conversations.get': returns<ConversationView>(),
  'conversations.create': returns<ConversationSummary>(),
  'conversations.rename': returns<ConversationSummary>(),
  'conversations.delete': returns<{ deleted: string }>(),
  'chat.send': returns<{ turnId: string }>(),
  'chat.cancel': returns<{ cancelled: boolean }>(),
  'chat.retry': returns<{ turnId: string }>(),
  'tasks.list': returns<TaskListItemView[]>(),
  'tasks.cancel': returns<{ cancelled: boolean }>(),
  'tools.decide': returns<{ decided: boolean }>(),
  'approvals.list': returns<PendingApprovalView[]>(),
  'grants.list': returns<GrantView[]>(),
  'grants.revoke': returns<{ revoked: boolean }>(),
  'servers.approveLaunch': returns<ServerView>(),
  'servers.setTrust': returns<ServerView>(),
  'servers.setSandbox': returns<ServerView>(),
  'servers.moveInlineSecrets': returns<ServerView>(),
  'servers.signIn': returns<SignInStart>(),
  'servers.signOut': returns<ServerView>(),
  'servers.renameAccount': returns<ServerView>(),
  'servers.setDefaultAccount': returns<ServerView>(),
  /** The conversation's account choices after the change (server name → account id). */
  'conversations.setAccount': returns<{ accounts: Record<string, string> }>(),
  'servers.setClientSecret': returns<ServerView>(),
  'resources.list': returns<ResourceView[]>(),
  'resources.templates': returns<ResourceTemplateView[]>(),
  'resources.expandTemplate': returns<{ uri: string }>(),
  'resources.read': returns<ResourceReadView>(),
  'resources.subscribe': returns<{ server: string; uri: string; subscribed: boolean }>(),
  'resources.unsubscribe': returns<{ server: string; uri: string; subscribed: boolean }>(),
  'prompts.list': returns<PromptView[]>(),
  'prompts.get': returns<PromptResultView>(),
  /** `turnId` is set when the last inserted message was the person's, so Claude answers. */
  'prompts.run': returns<{ inserted: number; turnId?: string }>(),
  'completions.complete': returns<CompletionView>(),
  'sampling.list': returns<SamplingRequestView[]>(),
  'sampling.decide': returns<{ decided: boolean }>(),
  'sampling.log': returns<SamplingLogEntry[]>(),
  'sampling.limits': returns<SamplingLimitsView>(),
  'sampling.setLimits': returns<SamplingLimitsView>(),
  'elicitation.list': returns<ElicitationView[]>(),
  'elicitation.respond': returns<{ responded: boolean }>(),
  'roots.get': returns<RootsView>(),
  'roots.set': returns<RootsView>(),
  'logging.setLevel': returns<{ server: string; level: McpLogLevel }>(),
  'apps.resource': returns<{ app?: AppResourceView }>(),
  'apps.callTool': returns<AppToolResult>(),
  'apps.message': returns<{ turnId: string }>(),
  'apps.updateModelContext': returns<{ updated: boolean }>(),
  'install.discover': returns<ImportDiscoveryView>(),
  'install.importFound': returns<ImportResult>(),
  'install.dismissOffer': returns<{ dismissed: true }>(),
  'install.openLink': returns<LinkReviewView>(),
  'install.links': returns<LinkReviewView[]>(),
  'install.acceptLink': returns<ServerView>(),
  'install.dismissLink': returns<{ dismissed: boolean }>(),
  'registry.search': returns<RegistryPageView>(),
  'registry.install': returns<ServerView>(),
  'registry.setUrl': returns<{ registryUrl: string }>(),
  'registry.url': returns<{ registryUrl: string }>(),
  'registry.openBundle': returns<BundleReviewView>(),
  'bundles.open': returns<BundleReviewView>(),
  'bundles.install': returns<ServerView>(),
  'bundles.dismiss': returns<{ dismissed: true }>(),
  'bundles.uninstall': returns<{ removed: string }>(),
} satisfies Record<keyof MethodSchemas, Returns<unknown>>;

type Results = { [M in keyof typeof methods]: (typeof methods)[M] extends Returns<infer R> ? R : never };

export type HostMethod = keyof typeof methods;

export const HOST_METHODS: readonly HostMethod[] = Object.keys(methods) as HostMethod[];

export type HostMethods = {
  [M in HostMethod]: { params: MethodParams<M>; result: Results[M] };
};

export interface HostEvents {
  'servers.changed': { kind: 'upsert'; view: ServerView } | { kind: 'removed'; server: string };
  'servers.log': { server: string; line: LogLine };
  'config.changed': ConfigView;
  'settings.changed': SettingsView;
  'conversations.changed': { conversations: ConversationSummary[] };
  'chat.event': ChatEvent;
  'approvals.changed': { pending: PendingApprovalView[] };
  'grants.changed': { grants: GrantView[] };
  'host.notice': NoticeView;
  /** One request added or removed; the full list comes from sampling.list (e.g. after a reconnect). */
  'sampling.changed': PendingChange<SamplingRequestView>;
  'sampling.logged': { entry: SamplingLogEntry };
  'elicitation.changed': PendingChange<ElicitationView>;
  /** A URL-mode elicitation finished on the server's side (`notifications/elicitation/complete`). */
  'elicitation.completed': { server: string; elicitationId: string };
  /** The server's resource list (or templates) changed, or it (re)connected: list again. */
  'resources.changed': { server: string };
  /** A subscribed resource changed: read it again. */
  'resources.updated': { server: string; uri: string };
  'prompts.changed': { server: string };
  'roots.changed': RootsView;
  /** A tool call an app made (not Claude): shown under the app's own tool card. */
  'apps.toolCall': { conversationId: string; parentCallId: string; call: ToolCallView };
  /** A bundle was opened outside the page (the OS file association): show it for review. */
  'bundles.opened': BundleReviewView;
  /** An install link arrived (from the OS or the web install route): show it for review. */
  'install.linkOpened': LinkReviewView;
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
  'apps.toolCall',
  'install.linkOpened',
  'bundles.opened',
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
