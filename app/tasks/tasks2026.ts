// MCP 2026-07-28 Tasks extension (`io.modelcontextprotocol/tasks`, SEP-2663): the client offers the
// extension in its capabilities (protocol/clientCapabilities.ts, in every request's envelope); the server may answer `tools/call` with a task handle
// (`resultType: "task"`) instead of the result. `tasks/get` polls and carries, inline, the input requests
// (input_required), the result (completed) or the error (failed); `tasks/update` answers input
// requests; `tasks/cancel` cancels. There is no tasks/result.
import { TASK_REQUEST_TIMEOUT_MS } from '../base/timeouts.ts';
import type { TaskEra, TaskSnapshot } from './taskEra.ts';
import { parseWire, task2026 } from './taskSchemas.ts';

export const TASKS_EXTENSION_ID = 'io.modelcontextprotocol/tasks';

function snapshot(raw: unknown, what: string): TaskSnapshot {
  const t = parseWire(task2026, raw, what);
  return {
    taskId: t.taskId,
    status: t.status,
    statusMessage: t.statusMessage,
    createdAt: t.createdAt,
    lastUpdatedAt: t.lastUpdatedAt,
    ttlMs: t.ttlMs ?? undefined,
    pollIntervalMs: t.pollIntervalMs,
    inputRequests: t.inputRequests,
    result: t.result,
    error: t.error,
  };
}

export const tasks2026: TaskEra = {
  name: '2026-07-28',
  statusNotification: 'notifications/tasks/status',
  async start(channel, toolName, args, _ttlMs, signal) {
    const raw = await channel.request('tools/call', { name: toolName, arguments: args }, { signal, timeoutMs: TASK_REQUEST_TIMEOUT_MS });
    if ((raw as { resultType?: unknown } | null)?.resultType === 'task') return { kind: 'task', task: snapshot(raw, 'task handle') };
    return { kind: 'result', result: raw };
  },
  async get(channel, taskId) {
    return snapshot(await channel.request('tasks/get', { taskId }, { timeoutMs: TASK_REQUEST_TIMEOUT_MS }), 'task status');
  },
  result(_channel, task) {
    if (task.status === 'completed' && task.result) return Promise.resolve(task.result);
    if (task.status === 'failed') return Promise.reject(new Error(task.error?.message ?? 'The task failed and the server gave no reason.'));
    return Promise.reject(new Error('The server reported the task as completed but sent no result.'));
  },
  async cancel(channel, taskId) {
    const raw = await channel.request('tasks/cancel', { taskId }, { timeoutMs: TASK_REQUEST_TIMEOUT_MS });
    const parsed = task2026.safeParse(raw);
    return parsed.success && parsed.data.taskId ? snapshot(raw, 'cancelled task') : undefined;
  },
  async answer(channel, taskId, responses) {
    await channel.request('tasks/update', { taskId, inputResponses: responses }, { timeoutMs: TASK_REQUEST_TIMEOUT_MS });
  },
};
