// Whether a server can run a tool as a task, in which revision, and whether a tool asks for it.
import { tasks2025 } from './tasks2025.ts';
import { tasks2026, TASKS_EXTENSION_ID } from './tasks2026.ts';
import type { TaskEra } from './taskEra.ts';

interface CapabilitiesLike {
  tasks?: { requests?: { tools?: { call?: unknown } } };
  extensions?: Record<string, unknown>;
}

/**
 * The revision in which this server runs tool calls as tasks: the 2026-07-28 extension when it declares
 * `io.modelcontextprotocol/tasks`, else 2025-11-25 when it declares `tasks.requests.tools.call`.
 */
export function taskEraOf(capabilities: unknown): TaskEra | undefined {
  const caps = (capabilities ?? {}) as CapabilitiesLike;
  if (caps.extensions && typeof caps.extensions === 'object' && caps.extensions[TASKS_EXTENSION_ID] !== undefined) return tasks2026;
  if (caps.tasks?.requests?.tools?.call !== undefined) return tasks2025;
  return undefined;
}

/** The tool's `execution.taskSupport`: "required", "optional", or "forbidden" (the default). */
export function taskSupportOf(tool: unknown): 'required' | 'optional' | 'forbidden' {
  const value = (tool as { execution?: { taskSupport?: unknown } } | null)?.execution?.taskSupport;
  return value === 'required' || value === 'optional' ? value : 'forbidden';
}

/**
 * Run this call through the task driver. 2025-11-25: the tool requires a task, or allows one (its author
 * expects it may run long). 2026-07-28: any tool of a server that declares the Tasks extension may answer
 * with a task handle (the SDK's own tools/call refuses one), so every call goes through the driver, which
 * takes an inline result as it comes, unless the tool says `taskSupport: "forbidden"` itself.
 */
export function shouldRunAsTask(tool: unknown, era: TaskEra | undefined): era is TaskEra {
  if (era === undefined) return false;
  if (era === tasks2026) return (tool as { execution?: { taskSupport?: unknown } } | null)?.execution?.taskSupport !== 'forbidden';
  return taskSupportOf(tool) !== 'forbidden';
}
