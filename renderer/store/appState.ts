// The shape of the renderer's one store: typed slices plus the actions that are the only callers of the HostApi.
import type {
  AppResourceView,
  AppToolResult,
  ToolCallView,
  ApiErrorView,
  ApprovalDecision,
  BundleReviewView,
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
  GrantView,
  PendingApprovalView,
  ConfigView,
  ConversationSearchHit,
  ConversationSummary,
  ConversationView,
  HostInfo,
  ImportDiscoveryView,
  ImportResult,
  LinkReviewView,
  LogLine,
  RegistryPageView,
  ServerView,
  SettingsView,
  SignInStart,
  TurnOutcome,
} from '../../app/api/index.ts';
import type { MethodParams } from '../../app/api/schemas.ts';

export type Route = 'chat' | 'servers' | 'settings';
/** Whether the window reaches the host: the transport's ConnectionStatus, as the UI needs it. */
export type HostLink = 'open' | 'lost' | 'signed-out';

/** A failure of a store action, for a person; `issues` carry field paths like `entry.url`. */
export interface ActionError {
  message: string;
  code?: string;
  issues?: { path: string; message: string }[];
}

export interface ServersSlice {
  loaded: boolean;
  order: string[];
  byName: Record<string, ServerView>;
  /** The last MAX_LOG_LINES lines per server, oldest first. */
  logs: Record<string, LogLine[]>;
  /** Actions in flight per server, e.g. `restart`, so buttons can show progress. */
  pending: Record<string, string | undefined>;
  actionError: Record<string, ActionError | undefined>;
}

export interface TurnState {
  running: boolean;
  turnId?: string;
  retrying?: { attempt: number; retryAt: number; reason: string } | undefined;
  /** The last turn's failure when it is not already on an assistant message. */
  error?: ApiErrorView | undefined;
  outcome?: TurnOutcome;
}

export interface ChatSlice {
  loaded: boolean;
  summaries: ConversationSummary[];
  activeId: string | null;
  byId: Record<string, ConversationView | undefined>;
  loading: Record<string, boolean | undefined>;
  /** Composer text per conversation (`''` key: not yet created). Cleared only when a send succeeds. */
  drafts: Record<string, string>;
  turns: Record<string, TurnState | undefined>;
  sending: Record<string, boolean | undefined>;
  /** The host refused to send because too many tools are enabled: the person chooses what to do. */
  overBudget: Record<string, { message: string; /** The refused action was a retry, not a send. */ retry: boolean } | undefined>;
  /** The sidebar's search: empty query = no search; `hits` null while the first answer is on its way. */
  search: { query: string; hits: ConversationSearchHit[] | null; error?: string };
}

export interface SafetySlice {
  /** Tool calls waiting for the person, across all conversations. */
  pending: PendingApprovalView[];
  grants: GrantView[];
  /** Calls whose decision is on its way, so buttons do not double-send. */
  deciding: Record<string, boolean | undefined>;
  decideError: Record<string, string | undefined>;
}

export interface SettingsSlice {
  view: SettingsView | null;
  config: ConfigView | null;
  info: HostInfo | null;
}

/** The client side of MCP: prompts, resources, server requests waiting for the person, roots. */
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

/** Installing from elsewhere: the first-run offer of other apps' servers, and install links under review. */
export interface InstallSlice {
  /** Set while the first-run offer is open. */
  firstRunOffer: ImportDiscoveryView | null;
  /** Install links waiting for the person, oldest first. */
  links: LinkReviewView[];
  /** The last link that could not be read. */
  linkError: string | null;
  /** Bundles opened and waiting for review, oldest first. */
  bundles: BundleReviewView[];
}

export type CompleteParams = { server: string; ref: CompletionRefView; argument: { name: string; value: string }; context?: { arguments: Record<string, string> } };

export interface UiSlice {
  route: Route;
  selectedServer: string | null;
  /** `'new'` while adding a server in Settings, a name while editing one. */
  editingServer: string | null;
  connection: HostLink;
  /** A short note for the person, e.g. a failed action not tied to a field. */
  notice: { kind: 'error' | 'info'; text: string } | null;
  /** Asks a pane to focus a control once, e.g. `api-key` after "add your key", `composer`, `search`. */
  focusTarget: string | null;
  shortcutsOpen: boolean;
  /** On a narrow window the sidebar is hidden unless the person opened it (not remembered). */
  sidebarOpenNarrow: boolean;
}

export interface AppsSlice {
  /** Tool calls made by an app (not Claude), per the tool call whose card shows that app. */
  calls: Record<string, ToolCallView[]>;
}

export type UpsertServerParams = MethodParams<'servers.upsert'>;

export interface AppActions {
  /** Subscribes to host events and loads everything. Returns its stop. */
  start(): () => void;
  setConnection(status: HostLink): void;
  navigate(route: Route, focusTarget?: string | null): void;
  consumeFocus(): void;
  dismissNotice(): void;
  showShortcuts(open: boolean): void;
  /** Shows or hides the sidebar: remembered in Settings on a wide window, for now on a narrow one. */
  toggleSidebar(narrow: boolean): void;
  /** Searches conversations by title and content; an empty query ends the search. */
  searchConversations(query: string): Promise<void>;

  selectServer(name: string | null): void;
  editServer(name: string | null): void;
  refreshServers(): Promise<void>;
  loadLogs(name: string): Promise<void>;
  startServer(name: string): Promise<void>;
  stopServer(name: string): Promise<void>;
  restartServer(name: string): Promise<void>;
  /** Starts OAuth sign-in; the caller opens the returned URL (a new tab) unless the host already did. */
  signIn(name: string): Promise<SignInStart | null>;
  /** Forgets the server's tokens; it returns to "needs sign-in". */
  signOut(name: string): Promise<void>;
  /** Stores (null: forgets) the OAuth client secret or key the server's config names; it reconnects. */
  setClientSecret(name: string, value: string | null): Promise<void>;
  setServerDisabled(name: string, disabled: boolean): Promise<void>;
  setToolEnabled(name: string, tool: string, enabled: boolean): Promise<void>;
  /** Resolves to null on success, or the error with field issues for the form. */
  upsertServer(params: UpsertServerParams): Promise<ActionError | null>;
  removeServer(name: string): Promise<ActionError | null>;
  importServers(json: string): Promise<ImportResult | ActionError>;

  decideTool(callId: string, decision: ApprovalDecision): Promise<void>;
  revokeGrant(id: string): Promise<void>;
  approveLaunch(name: string, fingerprint: string): Promise<void>;
  setTrust(name: string, trust: { trusted?: boolean; autoApproveReadOnly?: boolean }): Promise<void>;

  updateSettings(patch: MethodParams<'settings.update'>): Promise<ActionError | null>;
  /** Web mode: a one-time link that signs in another tab or browser. */
  newSignInLink(): Promise<{ url: string; expiresAt: number } | ActionError>;

  openConversation(id: string): Promise<void>;
  newConversation(): Promise<void>;
  /** The open conversation's id, creating it first when the composer is a new one (shared with a send under way). */
  ensureConversation(): Promise<string | null>;
  renameConversation(id: string, title: string): Promise<ActionError | null>;
  deleteConversation(id: string): Promise<void>;
  setDraft(conversationId: string | null, text: string): void;
  /** Sends the draft; `overToolBudget` is the person's choice after the tool-budget warning. */
  send(opts?: { overToolBudget?: 'send-anyway' }): Promise<void>;
  dismissOverBudget(conversationId: string): void;
  cancel(): Promise<void>;
  retry(opts?: { overToolBudget?: 'send-anyway' }): Promise<void>;

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

  /** The tool's MCP App, or undefined when it has none; throws with a readable message when it cannot load. */
  loadApp(server: string, tool: string): Promise<AppResourceView | undefined>;
  appCallTool(conversationId: string, parentCallId: string, server: string, tool: string, args: Record<string, unknown>): Promise<AppToolResult>;
  appMessage(conversationId: string, server: string, tool: string, text: string): Promise<void>;
  appUpdateContext(conversationId: string, server: string, tool: string, text: string): Promise<void>;
  /** Unpacks and reads a .mcpb; its review joins `install.bundles`. */
  openBundle(fileName: string, dataBase64: string): Promise<ActionError | null>;
  installBundle(id: string, values: Record<string, string>): Promise<ServerView | ActionError>;
  dismissBundle(id: string): Promise<void>;
  uninstallBundle(name: string): Promise<ActionError | null>;
  /** Downloads a registry bundle (sha256 checked) and opens its review. */
  registryOpenBundle(server: string, version: string, option: string): Promise<ActionError | null>;
  registrySearch(search?: string, cursor?: string): Promise<RegistryPageView | ActionError>;
  registryInstall(params: MethodParams<'registry.install'>): Promise<ServerView | ActionError>;
  setRegistryUrl(url: string): Promise<{ registryUrl: string } | ActionError>;
  discoverImports(): Promise<ImportDiscoveryView | ActionError>;
  importFound(path: string, names: string[], inputs: Record<string, string>): Promise<ImportResult | ActionError>;
  dismissImportOffer(): Promise<void>;
  openInstallLink(link: string): Promise<void>;
  /** Installs the reviewed link; null on success, else why it was refused. */
  acceptLink(id: string, fingerprint: string): Promise<ActionError | null>;
  dismissLink(id: string): Promise<void>;
}

export interface AppState {
  servers: ServersSlice;
  chat: ChatSlice;
  settings: SettingsSlice;
  safety: SafetySlice;
  protocol: ProtocolSlice;
  apps: AppsSlice;
  install: InstallSlice;
  ui: UiSlice;
  actions: AppActions;
}

export const MAX_LOG_LINES = 2000;
