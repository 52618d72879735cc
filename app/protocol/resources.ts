// Each server's resources: list (all pages), templates, read, and subscriptions. Subscriptions are the
// person's intent, kept per server name and sent again when the server reconnects (a new session); in the
// 2026-07-28 era they ride the server's `subscriptions/listen` stream (ListenSubscriptions).
import {
  type Client,
  ProtocolError,
  ProtocolErrorCode,
  type ReadResourceResult,
  type Resource,
  type ResourceTemplateType as ResourceTemplate,
  UriTemplate,
} from '@modelcontextprotocol/client';
import { HostError } from '../api/errors.ts';
import type { ResourceContentView, ResourceReadView, ResourceTemplateView, ResourceView } from '../api/views.ts';
import type { Logger } from '../base/logger.ts';
import { listAllPages } from '../base/pagination.ts';
import { isModern, ListenSubscriptions } from './listenSubscriptions.ts';
import { requestFailed, requireClient, supports, type ServerClients } from './serverClients.ts';

const VIEW_TEXT_CHARS = 1_000_000;
const VIEW_BLOB_CHARS = 5_000_000;

export class Resources {
  private readonly subscribed = new Map<string, Set<string>>();

  constructor(
    private readonly clients: ServerClients,
    private readonly logger: Logger,
    private readonly listen: ListenSubscriptions = new ListenSubscriptions(logger),
  ) {}

  async list(server?: string): Promise<ResourceView[]> {
    return this.acrossServers(server, async (name, client) => {
      const items = await listAllPages<Resource>(async (cursor) => {
        const page = await client.listResources(cursor ? { cursor } : undefined);
        return { items: page.resources, nextCursor: page.nextCursor };
      });
      return items.map((r) => this.resourceView(name, r));
    });
  }

  async templates(server?: string): Promise<ResourceTemplateView[]> {
    return this.acrossServers(server, async (name, client) => {
      try {
        const items = await listAllPages<ResourceTemplate>(async (cursor) => {
          const page = await client.listResourceTemplates(cursor ? { cursor } : undefined);
          return { items: page.resourceTemplates, nextCursor: page.nextCursor };
        });
        return items.map((t) => templateView(name, t));
      } catch (error) {
        // Many servers offer resources without templates and answer "method not found": that means none.
        if (error instanceof ProtocolError && error.code === ProtocolErrorCode.MethodNotFound) return [];
        throw error;
      }
    });
  }

  async read(server: string, uri: string): Promise<ReadResourceResult> {
    const client = requireClient(this.clients, server, 'resources');
    try {
      return await client.readResource({ uri });
    } catch (error) {
      throw requestFailed(server, `read ${uri}`, error);
    }
  }

  async readView(server: string, uri: string): Promise<ResourceReadView> {
    const result = await this.read(server, uri);
    return { server, uri, contents: result.contents.map(contentView) };
  }

  async subscribe(server: string, uri: string): Promise<{ server: string; uri: string; subscribed: boolean }> {
    const client = requireClient(this.clients, server, 'resources');
    if (client.getServerCapabilities()?.resources?.subscribe !== true) {
      throw new HostError('conflict', `"${server}" does not offer updates for its resources.`);
    }
    try {
      if (isModern(client)) await this.listen.update(server, client, [...this.setOf(server), uri]);
      else await client.subscribeResource({ uri });
    } catch (error) {
      throw requestFailed(server, `subscribe to ${uri}`, error);
    }
    this.setOf(server).add(uri);
    return { server, uri, subscribed: true };
  }

  async unsubscribe(server: string, uri: string): Promise<{ server: string; uri: string; subscribed: boolean }> {
    const set = this.setOf(server);
    const client = this.clients.client(server);
    if (set.delete(uri) && client && client.getServerCapabilities()?.resources?.subscribe === true) {
      try {
        if (isModern(client)) await this.listen.update(server, client, [...set]);
        else await client.unsubscribeResource({ uri });
      } catch (error) {
        throw requestFailed(server, `unsubscribe from ${uri}`, error);
      }
    }
    return { server, uri, subscribed: false };
  }

  /** A new session forgot our subscriptions: send them again. */
  resubscribe(server: string, client: Client): void {
    if (isModern(client)) {
      // One stream carries the list changes and the subscriptions; it opens even with no subscription.
      this.listen.update(server, client, [...(this.subscribed.get(server) ?? [])]).catch((error: unknown) => {
        this.logger.warn(`could not listen to ${server} for changes: ${String(error)}`);
      });
      return;
    }
    if (client.getServerCapabilities()?.resources?.subscribe !== true) return;
    for (const uri of this.subscribed.get(server) ?? []) {
      client.subscribeResource({ uri }).catch((error: unknown) => this.logger.warn(`could not subscribe ${server} to ${uri} again: ${String(error)}`));
    }
  }

  private setOf(server: string): Set<string> {
    let set = this.subscribed.get(server);
    if (!set) this.subscribed.set(server, (set = new Set()));
    return set;
  }

  private resourceView(server: string, r: Resource): ResourceView {
    return {
      server,
      uri: r.uri,
      name: r.name,
      ...(r.title ? { title: r.title } : {}),
      ...(r.description ? { description: r.description } : {}),
      ...(r.mimeType ? { mimeType: r.mimeType } : {}),
      ...(typeof r.size === 'number' ? { size: r.size } : {}),
      subscribed: this.subscribed.get(server)?.has(r.uri) ?? false,
    };
  }

  /** One server (errors reach the caller), or every ready server offering resources (a failing one is skipped). */
  private async acrossServers<T>(server: string | undefined, run: (name: string, client: Client) => Promise<T[]>): Promise<T[]> {
    if (server !== undefined) {
      const client = requireClient(this.clients, server, 'resources');
      try {
        return await run(server, client);
      } catch (error) {
        throw requestFailed(server, 'list its resources', error);
      }
    }
    const lists = await Promise.all(
      this.clients.readyNames().map(async (name) => {
        const client = this.clients.client(name);
        if (!client || !supports(client, 'resources')) return [];
        return run(name, client).catch((error: unknown) => {
          this.logger.warn(`listing resources of ${name} failed: ${String(error)}`);
          return [];
        });
      }),
    );
    return lists.flat();
  }
}

export function expandTemplate(uriTemplate: string, variables: Record<string, string>): string {
  try {
    return new UriTemplate(uriTemplate).expand(variables);
  } catch (error) {
    throw new HostError('invalid-params', `The URI template could not be filled in: ${(error as Error).message}`, [
      { path: 'uriTemplate', message: (error as Error).message },
    ]);
  }
}

function templateView(server: string, t: ResourceTemplate): ResourceTemplateView {
  let variables: string[] = [];
  try {
    variables = new UriTemplate(t.uriTemplate).variableNames;
  } catch {
    variables = [];
  }
  return {
    server,
    uriTemplate: t.uriTemplate,
    name: t.name,
    ...(t.title ? { title: t.title } : {}),
    ...(t.description ? { description: t.description } : {}),
    ...(t.mimeType ? { mimeType: t.mimeType } : {}),
    variables,
  };
}

function contentView(c: ReadResourceResult['contents'][number]): ResourceContentView {
  const mime = c.mimeType ? { mimeType: c.mimeType } : {};
  if ('text' in c && typeof c.text === 'string') {
    if (c.text.length <= VIEW_TEXT_CHARS) return { kind: 'text', uri: c.uri, ...mime, text: c.text };
    return {
      kind: 'text',
      uri: c.uri,
      ...mime,
      text: c.text.slice(0, VIEW_TEXT_CHARS),
      truncated: { originalChars: c.text.length, keptChars: VIEW_TEXT_CHARS },
    };
  }
  const blob = 'blob' in c && typeof c.blob === 'string' ? c.blob : '';
  return { kind: 'blob', uri: c.uri, ...mime, bytes: Math.floor((blob.length * 3) / 4), ...(blob.length <= VIEW_BLOB_CHARS ? { data: blob } : {}) };
}
