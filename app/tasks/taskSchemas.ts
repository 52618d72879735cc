// The wire shapes of tasks, parsed by the driver itself (the SDK v2 line has no task types): the
// 2025-11-25 experimental tasks (SEP-1686) and the 2026-07-28 Tasks extension (SEP-2663).
import { z } from 'zod';

export const TASK_STATUSES = ['working', 'input_required', 'completed', 'failed', 'cancelled'] as const;
export type WireTaskStatus = (typeof TASK_STATUSES)[number];

export function isTerminal(status: WireTaskStatus): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}

const millis = z.number().finite().nonnegative();
const instant = z.string().transform((s, ctx) => {
  const t = Date.parse(s);
  if (Number.isNaN(t)) {
    ctx.addIssue({ code: 'custom', message: `not an ISO 8601 time: ${s}` });
    return z.NEVER;
  }
  return t;
});

/** 2025-11-25: `Task` (in CreateTaskResult.task and as the tasks/get result). `ttl` null means unlimited. */
export const task2025 = z.looseObject({
  taskId: z.string().min(1),
  status: z.enum(TASK_STATUSES),
  statusMessage: z.string().optional(),
  createdAt: instant,
  lastUpdatedAt: instant.optional(),
  ttl: millis.nullable().optional(),
  pollInterval: millis.optional(),
});
export const createTaskResult2025 = z.looseObject({ task: task2025 });

/**
 * 2026-07-28: the task handle is the result itself (`resultType: "task"`), flat; tasks/get carries the
 * status-specific parts inline: `inputRequests` (input_required), `result` (completed), `error` (failed).
 */
export const task2026 = z.looseObject({
  taskId: z.string().min(1),
  status: z.enum(TASK_STATUSES),
  statusMessage: z.string().optional(),
  createdAt: instant,
  lastUpdatedAt: instant.optional(),
  ttlMs: millis.nullable().optional(),
  pollIntervalMs: millis.optional(),
  inputRequests: z.record(z.string(), z.looseObject({ method: z.string(), params: z.unknown().optional() })).optional(),
  result: z.record(z.string(), z.unknown()).optional(),
  error: z.looseObject({ code: z.number().optional(), message: z.string().optional() }).optional(),
});

/** A tool result, loosely: content is checked downstream (routing/toolResultContent). */
export const toolResult = z.looseObject({ content: z.array(z.unknown()).optional(), isError: z.boolean().optional() });

/** The server answered with something that is not a task: asking again will not help. */
export class MalformedTaskAnswer extends Error {
  override name = 'MalformedTaskAnswer';
}

/** One parse for every shape: a server's malformed answer becomes a sentence, not a stack. */
export function parseWire<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new MalformedTaskAnswer(`The server's ${what} is malformed${issue ? ` (${issue.path.join('.') || 'top'}: ${issue.message})` : ''}.`);
}
