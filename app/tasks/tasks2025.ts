// MCP 2025-11-25 experimental tasks (SEP-1686): `tools/call` with `task: { ttl }` answers a
// CreateTaskResult; `tasks/get` polls; `tasks/result` blocks until the task ends (and carries the
// server's input requests, marked with related-task metadata, meanwhile); `tasks/cancel` cancels.
import { TASK_REQUEST_TIMEOUT_MS } from '../base/timeouts.ts';
import type { TaskEra, TaskSnapshot } from './taskEra.ts';
import { createTaskResult2025, parseWire, task2025 } from './taskSchemas.ts';

/** tasks/result waits as long as the task lives; the driver's Stop ends it. */
const RESULT_WAIT_MS = 2 ** 31 - 1;

function snapshot(task: ReturnType<typeof task2025.parse>): TaskSnapshot {
  return {
    taskId: task.taskId,
    status: task.status,
    statusMessage: task.statusMessage,
    createdAt: task.createdAt,
    lastUpdatedAt: task.lastUpdatedAt,
    ttlMs: task.ttl ?? undefined,
    pollIntervalMs: task.pollInterval,
  };
}

export const tasks2025: TaskEra = {
  name: '2025-11-25',
  statusNotification: 'notifications/tasks/status',
  async start(channel, toolName, args, ttlMs, signal) {
    const raw = await channel.request('tools/call', { name: toolName, arguments: args, task: { ttl: ttlMs } }, { signal, timeoutMs: TASK_REQUEST_TIMEOUT_MS });
    if (raw && typeof raw === 'object' && 'task' in raw) return { kind: 'task', task: snapshot(parseWire(createTaskResult2025, raw, 'task handle').task) };
    return { kind: 'result', result: raw };
  },
  async get(channel, taskId) {
    return snapshot(parseWire(task2025, await channel.request('tasks/get', { taskId }, { timeoutMs: TASK_REQUEST_TIMEOUT_MS }), 'task status'));
  },
  result(channel, task, signal) {
    return channel.request('tasks/result', { taskId: task.taskId }, { signal, timeoutMs: RESULT_WAIT_MS });
  },
  async cancel(channel, taskId) {
    const raw = await channel.request('tasks/cancel', { taskId }, { timeoutMs: TASK_REQUEST_TIMEOUT_MS });
    const parsed = task2025.safeParse(raw);
    return parsed.success ? snapshot(parsed.data) : undefined;
  },
};
