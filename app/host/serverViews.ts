// Projects the core's servers into the plain views the renderer sees. Secret values never leave here.
import type { Tool } from '@modelcontextprotocol/client';
import type { ConfigIssue, ConnectionState, LaunchView, ServerEntryView, ServerView, ToolView, TrustView } from '../api/views.ts';
import type { ServerDefinition, ServerTransportDefinition } from '../config/serverDefinition.ts';
import type { RegistryEntry } from '../routing/toolRegistry.ts';

export function entryView(transport: ServerTransportDefinition): ServerEntryView {
  if (transport.kind === 'stdio') {
    return {
      transport: 'stdio',
      command: transport.command,
      args: [...transport.args],
      envKeys: Object.keys(transport.env),
      ...(transport.cwd ? { cwd: transport.cwd } : {}),
      ...(transport.sandbox !== undefined ? { sandbox: transport.sandbox === false ? false : { ...transport.sandbox } } : {}),
      ...(transport.protocol ? { protocol: transport.protocol } : {}),
    };
  }
  return {
    transport: transport.kind,
    url: transport.url,
    headerKeys: Object.keys(transport.headers),
    ...(transport.oauth ? { oauth: { ...transport.oauth } } : {}),
    ...(transport.protocol ? { protocol: transport.protocol } : {}),
  };
}

export function toolView(entry: RegistryEntry): ToolView {
  const t: Tool = entry.tool;
  const view: ToolView = {
    name: t.name,
    apiName: entry.apiName,
    description: t.description ?? '',
    inputSchema: t.inputSchema,
    enabled: entry.enabled,
  };
  if (t.title) view.title = t.title;
  if (t.outputSchema) view.outputSchema = t.outputSchema;
  if (t.annotations) view.annotations = { ...t.annotations };
  if (entry.skippedReason) view.skippedReason = entry.skippedReason;
  return view;
}

export function serverView(
  def: ServerDefinition,
  state: ConnectionState,
  tools: RegistryEntry[],
  issues: ConfigIssue[],
  trust: TrustView,
  launch: LaunchView,
  inlineSecrets: string[],
): ServerView {
  return {
    name: def.name,
    entry: entryView(def.transport),
    disabled: def.disabled,
    trust,
    launch,
    inlineSecrets,
    ...(def.toolTimeoutSeconds !== undefined ? { toolTimeoutSeconds: def.toolTimeoutSeconds } : {}),
    state,
    tools: tools.map(toolView),
    issues,
  };
}

/** A config entry too broken to run: shown so the person can find and fix it, never started. */
export function invalidServerView(name: string, raw: unknown, issues: ConfigIssue[], since: number): ServerView {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const entry: ServerEntryView =
    typeof r.url === 'string'
      ? { transport: 'auto', url: r.url, headerKeys: [] }
      : { transport: 'stdio', command: typeof r.command === 'string' ? r.command : '', args: [], envKeys: [] };
  const first = issues[0];
  return {
    name,
    entry,
    disabled: r.disabled === true,
    trust: { trusted: false, autoApproveReadOnly: false },
    // Nothing to approve: an invalid entry never starts; its error says what to fix.
    launch: { approved: true, status: 'approved', fingerprint: '-', target: 'command', commandLine: '', env: [], headerNames: [] },
    inlineSecrets: [],
    state: {
      kind: 'error',
      message: first
        ? `This server's entry in config.json is invalid, so it was not started: ${first.message} (at ${first.path})`
        : "This server's entry in config.json is invalid, so it was not started.",
      stderrTail: [],
      attempt: 0,
      since,
    },
    tools: [],
    issues,
  };
}
