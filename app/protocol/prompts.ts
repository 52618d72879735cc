// Each server's prompts: list (all pages), and get with arguments.
import type { Client, GetPromptResult, Prompt } from '@modelcontextprotocol/client';
import type { PromptResultView, PromptView } from '../api/views.ts';
import type { Logger } from '../base/logger.ts';
import { mapToolResult } from '../routing/toolResultContent.ts';
import { listAllPages } from '../base/pagination.ts';
import { requestFailed, requireClient, supports, type ServerClients } from './serverClients.ts';

export class Prompts {
  constructor(
    private readonly clients: ServerClients,
    private readonly logger: Logger,
  ) {}

  /** One server (errors reach the caller), or every ready server offering prompts (a failing one is skipped). */
  async list(server?: string): Promise<PromptView[]> {
    if (server !== undefined) {
      const client = requireClient(this.clients, server, 'prompts');
      return this.listOne(server, client).catch((error: unknown) => {
        throw requestFailed(server, 'list its prompts', error);
      });
    }
    const lists = await Promise.all(
      this.clients.readyNames().map(async (name) => {
        const client = this.clients.client(name);
        if (!client || !supports(client, 'prompts')) return [];
        return this.listOne(name, client).catch((error: unknown) => {
          this.logger.warn(`listing prompts of ${name} failed: ${String(error)}`);
          return [];
        });
      }),
    );
    return lists.flat();
  }

  async get(server: string, name: string, args: Record<string, string> = {}): Promise<GetPromptResult> {
    const client = requireClient(this.clients, server, 'prompts');
    try {
      return await client.getPrompt({ name, arguments: args });
    } catch (error) {
      throw requestFailed(server, `give the prompt "${name}"`, error);
    }
  }

  async getView(server: string, name: string, args: Record<string, string> = {}): Promise<PromptResultView> {
    const result = await this.get(server, name, args);
    return {
      server,
      name,
      ...(result.description ? { description: result.description } : {}),
      messages: result.messages.map((m) => ({
        role: m.role,
        content: mapToolResult({ content: [m.content] }).view.content[0] ?? { kind: 'text', text: '' },
      })),
    };
  }

  private async listOne(server: string, client: Client): Promise<PromptView[]> {
    const prompts = await listAllPages<Prompt>(async (cursor) => {
      const page = await client.listPrompts(cursor ? { cursor } : undefined);
      return { items: page.prompts, nextCursor: page.nextCursor };
    });
    return prompts.map((p) => ({
      server,
      name: p.name,
      ...(p.title ? { title: p.title } : {}),
      ...(p.description ? { description: p.description } : {}),
      arguments: (p.arguments ?? []).map(
        (a: { name: string; title?: string | undefined; description?: string | undefined; required?: boolean | undefined }) => ({
          name: a.name,
          ...(a.title ? { title: a.title } : {}),
          ...(a.description ? { description: a.description } : {}),
          required: a.required === true,
        }),
      ),
    }));
  }
}
