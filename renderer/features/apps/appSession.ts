// One running MCP App: the ext-apps AppBridge over a PostMessageTransport to the sandbox-proxy frame.
// The bridge speaks the protocol (initialize, notifications, unknown methods → JSON-RPC errors); this
// file only wires its handlers to the store's actions, the one link opener and the download planner (appDownloads.ts).
import { AppBridge, PostMessageTransport, type McpUiDisplayMode, type McpUiHostContext } from '@modelcontextprotocol/ext-apps/app-bridge';
import type { AppResourceView, AppToolResult, ResourceReadView, ResourceView, ToolResultView } from '../../../app/api/index.ts';
import { checkLink, requestOpenLink } from '../../ui/linkOpener.ts';
import { callToolResultOf } from './appResult.ts';
import { planDownload, type DownloadAsk } from './appDownloads.ts';

export interface AppSessionHandlers {
  callTool(name: string, args: Record<string, unknown>): Promise<AppToolResult>;
  readResource(uri: string): Promise<ResourceReadView>;
  /** The resources of the app's own server (`resources/list`, ext-apps' `App.listServerResources`). */
  listResources(): Promise<ResourceView[]>;
  /** Resolves false when the person declined to send it: the app is told it was refused. */
  message(text: string): Promise<boolean>;
  /** `ui/download-file`, read into files (or refused, with why): resolves false when nothing was saved. */
  download(ask: DownloadAsk): Promise<boolean>;
  updateContext(text: string): Promise<void>;
  displayMode(mode: McpUiDisplayMode): McpUiDisplayMode;
  size(height: number | undefined): void;
  initialized(): void;
  teardownRequested(): void;
}

export interface AppSession {
  setContext(context: McpUiHostContext): void;
  input(args: unknown): void;
  result(result: ToolResultView): void;
  cancelled(reason: string): void;
  /** The app's server said its resource list changed. */
  resourcesChanged(): void;
  close(): Promise<void>;
}

type CallToolResult = Awaited<ReturnType<NonNullable<AppBridge['oncalltool']>>>;

const TEARDOWN_MS = 1000;

/** Connects to the proxy frame before it loads, so its `sandbox-proxy-ready` is not missed; then navigates it. */
export function startAppSession(
  frame: HTMLIFrameElement,
  proxyUrl: string,
  app: AppResourceView,
  context: McpUiHostContext,
  hostVersion: string,
  on: AppSessionHandlers,
): AppSession {
  const target = frame.contentWindow;
  if (!target) throw new Error('The app frame is not in the page.');
  const bridge = new AppBridge(
    null,
    { name: 'Switchboard', version: hostVersion },
    {
      openLinks: {},
      downloadFile: {},
      serverTools: {},
      serverResources: { listChanged: true },
      logging: {},
      message: { text: {} },
      updateModelContext: { text: {} },
    },
    { hostContext: context },
  );
  bridge.onsandboxready = () => {
    void bridge.sendSandboxResourceReady({ html: app.html, csp: app.csp });
  };
  bridge.oninitialized = () => on.initialized();
  bridge.onsizechange = ({ height }) => on.size(height);
  bridge.onrequestteardown = () => on.teardownRequested();
  bridge.onloggingmessage = ({ level, data }) => console.debug(`[app ${app.server}/${app.tool}] ${level}`, data);
  // The server's own CallToolResult, passed through as JSON.
  bridge.oncalltool = async (params) => (await on.callTool(params.name, params.arguments ?? {})) as CallToolResult;
  const contentsOf = async (uri: string) =>
    (await on.readResource(uri)).contents.map((c) =>
      c.kind === 'text'
        ? { uri: c.uri, text: c.text, ...(c.mimeType ? { mimeType: c.mimeType } : {}) }
        : { uri: c.uri, blob: c.data ?? '', ...(c.mimeType ? { mimeType: c.mimeType } : {}) },
    );
  bridge.onreadresource = async ({ uri }) => ({ contents: await contentsOf(uri) });
  bridge.onlistresources = async () => ({
    resources: (await on.listResources()).map((r) => ({
      uri: r.uri,
      name: r.name,
      ...(r.title ? { title: r.title } : {}),
      ...(r.description ? { description: r.description } : {}),
      ...(r.mimeType ? { mimeType: r.mimeType } : {}),
      ...(typeof r.size === 'number' ? { size: r.size } : {}),
    })),
  });
  bridge.onmessage = async ({ content }) => {
    const text = textOf(content);
    if (!text) return { isError: true };
    return (await on.message(text)) ? {} : { isError: true };
  };
  bridge.ondownloadfile = async ({ contents }) => {
    const plan = await planDownload(contents, contentsOf).catch((error: unknown) => ({
      kind: 'refused' as const,
      reason: `the resource could not be read (${(error as Error).message}).`,
    }));
    if (plan.kind !== 'link') return (await on.download(plan)) ? {} : { isError: true };
    // A web page, not a file: the one link opener shows it in full before it opens.
    requestOpenLink(plan.url);
    return checkLink(plan.url).ok ? {} : { isError: true };
  };
  bridge.onupdatemodelcontext = async ({ content, structuredContent }) => {
    const parts = [textOf(content ?? []), structuredContent ? JSON.stringify(structuredContent) : ''].filter(Boolean);
    await on.updateContext(parts.join('\n'));
    return {};
  };
  bridge.onopenlink = async ({ url }) => {
    // The one opener: http(s) only, shown in full to the person before it opens.
    requestOpenLink(url);
    return checkLink(url).ok ? {} : { isError: true };
  };
  bridge.onrequestdisplaymode = async ({ mode }) => {
    // The frame's owner changes its layout and sends the new context (setContext).
    return { mode: on.displayMode(mode) };
  };

  const transport = new PostMessageTransport(target, target);
  const connected = bridge.connect(transport).catch((error: unknown) => console.warn('The app bridge could not start', error));
  frame.src = proxyUrl;

  let closed = false;
  return {
    setContext(next) {
      if (!closed) bridge.setHostContext(next);
    },
    input(args) {
      if (!closed) void bridge.sendToolInput({ arguments: (args ?? {}) as Record<string, unknown> }).catch(() => undefined);
    },
    result(result) {
      if (!closed) void bridge.sendToolResult(callToolResultOf(result)).catch(() => undefined);
    },
    cancelled(reason) {
      if (!closed) void bridge.sendToolCancelled({ reason }).catch(() => undefined);
    },
    resourcesChanged() {
      if (!closed) void bridge.sendResourceListChanged().catch(() => undefined);
    },
    async close() {
      if (closed) return;
      closed = true;
      await connected;
      // Ask the app to save its state, but never wait long for it.
      await Promise.race([bridge.teardownResource({}).catch(() => undefined), new Promise((r) => setTimeout(r, TEARDOWN_MS))]);
      await bridge.close().catch(() => undefined);
    },
  };
}

function textOf(content: readonly { type: string; text?: unknown }[]): string {
  return content
    .filter((c) => c.type === 'text' && typeof c.text === 'string')
    .map((c) => c.text as string)
    .join('\n')
    .trim();
}
