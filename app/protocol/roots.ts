// The folders the person lets servers work in (MCP roots), globally and per server, kept in roots.json.
// `roots/list` answers with file:// URIs; a change sends `notifications/roots/list_changed` to each
// connected server whose list changed.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Root } from '@modelcontextprotocol/client';
import { HostError } from '../api/errors.ts';
import type { RootsView } from '../api/views.ts';
import { z } from 'zod';
import type { EventHub } from '../base/eventHub.ts';
import { JsonDocument } from '../base/jsonDocument.ts';
import type { Logger } from '../base/logger.ts';
import type { ServerClients } from './serverClients.ts';

/** roots.json; entries that are not full paths are dropped on load (normalize). */
const storedRootsSchema = z.object({
  global: z.array(z.unknown()).catch([]),
  perServer: z.record(z.string(), z.array(z.unknown())).catch({}),
});

export class Roots {
  private view: RootsView = { global: [], perServer: {} };
  private readonly doc: JsonDocument<typeof storedRootsSchema>;

  constructor(
    dataDir: string,
    private readonly events: EventHub,
    private readonly logger: Logger,
  ) {
    this.doc = new JsonDocument(path.join(dataDir, 'roots.json'), storedRootsSchema, logger);
  }

  /** Why roots.json could not be used (it was set aside), for a notice; undefined when it loaded. */
  get problem(): string | undefined {
    return this.doc.problem;
  }

  async load(): Promise<void> {
    const stored = await this.doc.load();
    if (stored) this.view = normalize(stored);
  }

  get(): RootsView {
    return { global: [...this.view.global], perServer: Object.fromEntries(Object.entries(this.view.perServer).map(([k, v]) => [k, [...v]])) };
  }

  /** The roots one server sees: the global folders, then its own. */
  rootsFor(server: string): Root[] {
    const folders = [...new Set([...this.view.global, ...(this.view.perServer[server] ?? [])])];
    return folders.map((folder) => ({ uri: pathToFileURL(folder).href, name: path.basename(folder) || folder }));
  }

  /** Replaces the roots; tells every connected server whose list changed. */
  async set(next: RootsView, clients: ServerClients): Promise<RootsView> {
    const issues = [
      ...next.global.flatMap((p, i) => (path.isAbsolute(p) ? [] : [{ path: `global[${i}]`, message: `"${p}" is not a full path.` }])),
      ...Object.entries(next.perServer).flatMap(([server, list]) =>
        list.flatMap((p, i) => (path.isAbsolute(p) ? [] : [{ path: `perServer.${server}[${i}]`, message: `"${p}" is not a full path.` }])),
      ),
    ];
    if (issues.length > 0) throw new HostError('invalid-params', `Choose folders by their full path: ${issues[0]!.message}`, issues);
    const before = new Map(clients.readyNames().map((name) => [name, JSON.stringify(this.rootsFor(name))]));
    this.view = normalize(next);
    await this.doc.save(this.view);
    for (const [name, was] of before) {
      if (JSON.stringify(this.rootsFor(name)) === was) continue;
      const client = clients.client(name);
      client?.sendRootsListChanged().catch((error: unknown) => this.logger.warn(`could not tell ${name} its roots changed: ${String(error)}`));
    }
    const view = this.get();
    this.events.emit('roots.changed', view);
    return view;
  }
}

function normalize(raw: { global: unknown[]; perServer: Record<string, unknown[]> }): RootsView {
  const clean = (list: unknown): string[] =>
    Array.isArray(list) ? [...new Set(list.filter((p): p is string => typeof p === 'string' && path.isAbsolute(p)).map((p) => path.resolve(p)))] : [];
  const perServer: Record<string, string[]> = {};
  for (const [server, list] of Object.entries(raw.perServer)) {
    const folders = clean(list);
    if (folders.length > 0) perServer[server] = folders;
  }
  return { global: clean(raw.global), perServer };
}
