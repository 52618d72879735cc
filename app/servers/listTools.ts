// tools/list with pagination. A page the SDK rejects because of one malformed tool is re-read leniently:
// the bad tools are dropped with a warning, the rest are kept as given.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError, ToolSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { listAllPages } from '../base/pagination.ts';

const lenientPage = z.looseObject({ tools: z.array(z.unknown()), nextCursor: z.string().optional() });

/** The SDK rejects a result that fails its schema with the schema library's error, which lists the issues. */
function isMalformedPage(error: unknown): boolean {
  return !(error instanceof McpError) && error instanceof Error && Array.isArray((error as { issues?: unknown }).issues);
}

async function readPage(
  client: Client,
  cursor: string | undefined,
  timeout: number,
  warn: (text: string) => void,
): Promise<{ tools: Tool[]; nextCursor?: string | undefined }> {
  const params = cursor !== undefined ? { cursor } : {};
  try {
    return await client.listTools(params, { timeout });
  } catch (error) {
    // Only a page the SDK could not validate is re-read; a refused or failed request (401, 403 step-up) stands.
    if (!isMalformedPage(error) || !client.transport) throw error;
  }
  const page = await client.request({ method: 'tools/list', params }, lenientPage, { timeout });
  const tools: Tool[] = [];
  page.tools.forEach((raw, i) => {
    const parsed = ToolSchema.safeParse(raw);
    const name = (raw as { name?: unknown })?.name;
    if (parsed.success) tools.push(raw as Tool);
    else
      warn(
        `skipped tool ${typeof name === 'string' ? `\`${name}\`` : `#${i}`}: ${parsed.error.issues.map((s) => `${s.path.join('.')}: ${s.message}`).join('; ')}`,
      );
  });
  return { tools, ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) };
}

export function listAllTools(client: Client, timeout: number, warn: (text: string) => void): Promise<Tool[]> {
  return listAllPages(
    async (cursor) => {
      const page = await readPage(client, cursor, timeout, warn);
      return { items: page.tools, ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) };
    },
    (why) => warn(`tools/list: ${why}`),
  );
}
