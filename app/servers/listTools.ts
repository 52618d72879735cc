// tools/list with pagination. A list the SDK rejects because of one malformed tool is re-read leniently:
// the bad tools are dropped with a warning, the rest are kept as given.
import { type Client, ProtocolError, SdkError, SdkErrorCode, type StandardSchemaV1, type Tool, specTypeSchemas } from '@modelcontextprotocol/client';
import { z } from 'zod';
import { listAllPages } from '../base/pagination.ts';

const lenientPage = z.looseObject({ tools: z.array(z.unknown()), nextCursor: z.string().optional() });

/**
 * Pages the SDK's own walk cannot finish: one it rejects because a tool in it is malformed (the schema
 * library's error lists the issues), or a list whose cursors never converge within MAX_PAGES.
 */
function needsOwnWalk(error: unknown): boolean {
  if (error instanceof SdkError) return error.code === SdkErrorCode.ListPaginationExceeded || error.code === SdkErrorCode.InvalidResult;
  return !(error instanceof ProtocolError) && error instanceof Error && Array.isArray((error as { issues?: unknown }).issues);
}

async function readPage(
  client: Client,
  cursor: string | undefined,
  timeout: number,
  warn: (text: string) => void,
): Promise<{ tools: Tool[]; nextCursor?: string | undefined }> {
  const params = cursor !== undefined ? { cursor } : {};
  const page = await client.request({ method: 'tools/list', params }, lenientPage, { timeout });
  const tools: Tool[] = [];
  page.tools.forEach((raw, i) => {
    const parsed = specTypeSchemas.Tool['~standard'].validate(raw);
    const name = (raw as { name?: unknown })?.name;
    if (!('then' in parsed) && parsed.issues === undefined) tools.push(raw as Tool);
    else warn(`skipped tool ${typeof name === 'string' ? `\`${name}\`` : `#${i}`}: ${issuesOf(parsed)}`);
  });
  return { tools, ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) };
}

/** The validator's issues in one line: `path: message; …`. */
function issuesOf(result: StandardSchemaV1.Result<unknown> | Promise<StandardSchemaV1.Result<unknown>>): string {
  const issues = 'then' in result ? [] : (result.issues ?? []);
  return issues.map((s) => `${(s.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.')}: ${s.message}`).join('; ');
}

/**
 * The SDK walks every page itself (its aggregate backs output-schema checks and SEP-2243 header mirroring
 * in callTool); only when that walk fails on a malformed tool or endless cursors are the pages read here,
 * leniently, one at a time. A refused or failed request (401, 403 step-up) stands.
 */
export async function listAllTools(client: Client, timeout: number, warn: (text: string) => void): Promise<Tool[]> {
  try {
    return (await client.listTools(undefined, { timeout, cacheMode: 'refresh' })).tools;
  } catch (error) {
    if (!needsOwnWalk(error) || !client.transport) throw error;
  }
  return listAllPages(
    async (cursor) => {
      const page = await readPage(client, cursor, timeout, warn);
      return { items: page.tools, ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) };
    },
    (why) => warn(`tools/list: ${why}`),
  );
}

/**
 * A server's tools as listed, with an index by name: the send stage hands the SDK each call's own definition
 * (`toolDefinition`), which it validates the result against, instead of a lookup in its response cache per call.
 */
export interface ListedTools {
  readonly all: Tool[];
  readonly byName: ReadonlyMap<string, Tool>;
}

export function listedTools(all: Tool[]): ListedTools {
  return { all, byName: new Map(all.map((tool) => [tool.name, tool])) };
}
