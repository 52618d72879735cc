// The UI resource of a tool (MCP Apps): found from the tool's `_meta.ui.resourceUri` (or the older
// `_meta["ui/resourceUri"]`), read once per server + URI and cached until the server's resource list
// changes or it reconnects (both arrive as `resources.changed`).
import { getToolUiResourceUri } from '@modelcontextprotocol/ext-apps/app-bridge';
import type { ReadResourceResult, Tool } from '@modelcontextprotocol/client';
import { HostError } from '../api/errors.ts';
import type { AppResourceView } from '../api/views.ts';
import type { EventHub } from '../base/eventHub.ts';
import { UI_MIME_TYPE } from '../protocol/clientCapabilities.ts';
import type { Resources } from '../protocol/resources.ts';
import { buildAppCsp, declaredCsp, withCsp } from './appCsp.ts';

const MAX_HTML_CHARS = 5_000_000;

export interface AppResourcesDeps {
  resources: Pick<Resources, 'read'>;
  /** The tool's `_meta` as the server listed it, if the server is ready and has the tool. */
  toolOf(server: string, tool: string): Pick<Tool, '_meta'> | undefined;
  events: Pick<EventHub, 'on'>;
}

type Cached = Omit<AppResourceView, 'tool'>;

export class AppResources {
  private readonly cache = new Map<string, Promise<Cached>>();
  private readonly off: () => void;

  constructor(private readonly deps: AppResourcesDeps) {
    this.off = deps.events.on('resources.changed', ({ server }) => this.drop(server));
  }

  /** The tool's UI resource URI, or undefined when it has none. */
  uriOf(server: string, tool: string): string | undefined {
    const def = this.deps.toolOf(server, tool);
    if (!def) return undefined;
    try {
      return getToolUiResourceUri({ _meta: def._meta ?? {} });
    } catch {
      throw new HostError('invalid-params', `The tool "${tool}" of "${server}" names a UI resource that is not a ui:// address, so its app cannot be shown.`);
    }
  }

  async forTool(server: string, tool: string): Promise<AppResourceView | undefined> {
    const uri = this.uriOf(server, tool);
    if (!uri) return undefined;
    const key = `${server}\n${uri}`;
    let entry = this.cache.get(key);
    if (!entry) {
      entry = this.fetch(server, uri);
      this.cache.set(key, entry);
      // A failed read is not cached: the next render tries again.
      const pending = entry;
      pending.catch(() => {
        if (this.cache.get(key) === pending) this.cache.delete(key);
      });
    }
    return { ...(await entry), tool };
  }

  drop(server: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${server}\n`)) this.cache.delete(key);
  }

  dispose(): void {
    this.off();
    this.cache.clear();
  }

  private async fetch(server: string, uri: string): Promise<Cached> {
    let result: ReadResourceResult;
    try {
      result = await this.deps.resources.read(server, uri);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).replace(/^.*?could not read \S+: /, '').replace(/(MCP error -?\d+: )+/g, '');
      throw new HostError('unavailable', `"${server}" could not send its app ${uri} (${reason.replace(/[.\s]+$/, '')}).`);
    }
    const item = result.contents.find((c) => c.uri === uri) ?? result.contents[0];
    if (!item) throw new HostError('unavailable', `"${server}" returned nothing for its app ${uri}.`);
    if (item.mimeType && !item.mimeType.startsWith('text/html')) {
      throw new HostError('unavailable', `"${server}" sent its app ${uri} as ${item.mimeType}, not ${UI_MIME_TYPE}, so it is not shown.`);
    }
    const html = htmlOf(item);
    if (html.length > MAX_HTML_CHARS) throw new HostError('unavailable', `The app ${uri} of "${server}" is larger than 5 MB, so it is not shown.`);
    const ui = uiMeta(item);
    const csp = declaredCsp(ui.csp);
    return {
      server,
      uri,
      html: withCsp(html, buildAppCsp(csp)),
      csp,
      ...(typeof ui.prefersBorder === 'boolean' ? { prefersBorder: ui.prefersBorder } : {}),
    };
  }
}

function htmlOf(item: ReadResourceResult['contents'][number]): string {
  if ('text' in item && typeof item.text === 'string') return item.text;
  if ('blob' in item && typeof item.blob === 'string') return Buffer.from(item.blob, 'base64').toString('utf8');
  return '';
}

function uiMeta(item: ReadResourceResult['contents'][number]): Record<string, unknown> {
  const ui = (item._meta as Record<string, unknown> | undefined)?.ui;
  return typeof ui === 'object' && ui !== null ? (ui as Record<string, unknown>) : {};
}
