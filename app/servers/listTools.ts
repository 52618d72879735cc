// tools/list with pagination. A page the SDK rejects because of one malformed tool is re-read leniently:
// the bad tools are dropped with a warning, the rest are kept as given.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError, ToolSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const lenientPage = z.looseObject({ tools: z.array(z.unknown()), nextCursor: z.string().optional() });

async function readPage(
  client: Client,
  cursor: string | undefined,
  timeout: number,
  warn: (text: string) => void,
): Promise<{ tools: Tool[]; nextCursor?: string }> {
  const params = cursor !== undefined ? { cursor } : {};
  try {
    return await client.listTools(params, { timeout });
  } catch (error) {
    if (error instanceof McpError || !client.transport) throw error;
  }
  const page = await client.request({ method: 'tools/list', params }, lenientPage, { timeout });
  const tools: Tool[] = [];
  page.tools.forEach((raw, i) => {
    const parsed = ToolSchema.safeParse(raw);
    const name = (raw as { name?: unknown })?.name;
    if (parsed.success) tools.push(raw as Tool);
    else warn(`skipped tool ${typeof name === 'string' ? `\`${name}\`` : `#${i}`}: ${parsed.error.issues.map((s) => `${s.path.join('.')}: ${s.message}`).join('; ')}`);
  });
  return { tools, ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) };
}

export async function listAllTools(client: Client, timeout: number, warn: (text: string) => void): Promise<Tool[]> {
  const tools: Tool[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await readPage(client, cursor, timeout, warn);
    tools.push(...page.tools);
    cursor = page.nextCursor;
    if (cursor !== undefined && seen.has(cursor)) {
      warn(`tools/list repeated the cursor ${JSON.stringify(cursor)}; stopped paging`);
      break;
    }
    if (cursor !== undefined) seen.add(cursor);
  } while (cursor !== undefined);
  return tools;
}
