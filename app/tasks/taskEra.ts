// What differs between the two revisions of MCP tasks, behind one interface: how a call becomes a task,
// how its status is read, how its result is fetched, how input goes back and how it is cancelled.
import type { StopSignal } from '../base/callStop.ts';
import type { ToolTaskView } from '../api/views.ts';
import type { WireTaskStatus } from './taskSchemas.ts';
import type { TaskChannel } from './taskChannel.ts';

export type TaskEraName = ToolTaskView['era'];

/** A task as one poll saw it, in either revision's terms (times as epoch ms). */
export interface TaskSnapshot {
  taskId: string;
  status: WireTaskStatus;
  statusMessage?: string | undefined;
  createdAt: number;
  lastUpdatedAt?: number | undefined;
  /** Undefined: unlimited. */
  ttlMs?: number | undefined;
  pollIntervalMs?: number | undefined;
  /** 2026-07-28: the server's requests waiting on the client, by id. */
  inputRequests?: Record<string, { method: string; params?: unknown }> | undefined;
  /** 2026-07-28: the final result (completed) or error (failed), inline. */
  result?: Record<string, unknown> | undefined;
  error?: { code?: number | undefined; message?: string | undefined } | undefined;
}

export type TaskStart = { kind: 'result'; result: unknown } | { kind: 'task'; task: TaskSnapshot };

export interface TaskEra {
  readonly name: TaskEraName;
  /** The method of the server's status notification (the driver wakes on it; polling goes on regardless). */
  readonly statusNotification: string;
  /** tools/call asking for a task; a server may still answer with the plain result. */
  start(channel: TaskChannel, toolName: string, args: Record<string, unknown>, ttlMs: number, signal: StopSignal): Promise<TaskStart>;
  get(channel: TaskChannel, taskId: string): Promise<TaskSnapshot>;
  /**
   * The final result. 2025-11-25: `tasks/result`, which the server holds open until the task ends and
   * over which it sends its input requests (answered as ordinary server→client requests); the driver
   * opens it early when the task needs input. 2026-07-28: read from the terminal snapshot.
   */
  result(channel: TaskChannel, task: TaskSnapshot, signal: StopSignal): Promise<unknown>;
  /** Asks the server to cancel; its answer when it gives the task's new state. */
  cancel(channel: TaskChannel, taskId: string): Promise<TaskSnapshot | undefined>;
  /** 2026-07-28 only: answers to `inputRequests` go back with `tasks/update`. */
  answer?(channel: TaskChannel, taskId: string, responses: Record<string, unknown>): Promise<void>;
}
