// `completion/complete` for prompt arguments and resource-template variables. A server without the
// capability simply has no suggestions, so a UI can ask as the person types.
import type { CompletionRefView, CompletionView } from '../api/views.ts';
import { requestFailed, requireClient, supports, type ServerClients } from './serverClients.ts';

const MAX_VALUES = 100;

export async function complete(
  clients: ServerClients,
  server: string,
  ref: CompletionRefView,
  argument: { name: string; value: string },
  context?: { arguments: Record<string, string> },
): Promise<CompletionView> {
  const client = requireClient(clients, server);
  if (!supports(client, 'completions')) return { values: [], hasMore: false };
  try {
    const { completion } = await client.complete({ ref, argument, ...(context ? { context } : {}) });
    return {
      values: completion.values.slice(0, MAX_VALUES),
      ...(typeof completion.total === 'number' ? { total: completion.total } : {}),
      hasMore: completion.hasMore === true || completion.values.length > MAX_VALUES,
    };
  } catch (error) {
    throw requestFailed(server, 'suggest values', error);
  }
}
