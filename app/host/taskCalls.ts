// Tool calls that run as MCP tasks (app/tasks): which revision a server speaks, the driver wired to this
// host's channels and to the elicitation dialogs, and the task's result checked as a tool result.
import { isCallToolResult, type CallToolResult, type ElicitRequest } from '@modelcontextprotocol/client';
import type { ToolTaskView } from '../api/views.ts';
import type { StopSignal } from '../base/callStop.ts';
import type { Clock } from '../base/clock.ts';
import { resumeTask, runAsTask, type TaskDriverDeps } from '../tasks/taskDriver.ts';
import type { TaskEra } from '../tasks/taskEra.ts';
import { tasks2025 } from '../tasks/tasks2025.ts';
import { tasks2026 } from '../tasks/tasks2026.ts';
import { shouldRunAsTask, taskEraOf } from '../tasks/taskSupport.ts';
import type { ResolvedTool } from '../routing/toolRegistry.ts';
import type { TaskRunner } from '../routing/toolCall.ts';
import type { Elicitations } from '../protocol/elicitations.ts';
import type { ServerFleet } from './serverFleet.ts';
import { taskChannelSource } from './taskChannels.ts';

export interface TaskCallOptions {
  signal: StopSignal;
  onTask?: ((task: ToolTaskView) => void) | undefined;
}

/** The calls' TaskRunner (routing/toolCall.ts): a tool that asks for a task, on a server that runs them, runs as one. */
export class TaskCalls implements TaskRunner {
  private closing = false;

  constructor(
    private readonly fleet: ServerFleet,
    private readonly clock: Clock,
    private readonly elicitations: Pick<Elicitations, 'handle'>,
  ) {}

  /** The revision in which this ready server runs tool calls as tasks, if any. */
  eraOf(server: string): TaskEra | undefined {
    return taskEraOf(this.fleet.client(server)?.getServerCapabilities());
  }

  runIfTask(resolved: ResolvedTool, args: Record<string, unknown>, opts: TaskCallOptions): Promise<CallToolResult> | undefined {
    // Only servers that run tasks pay for the look-up: the plain call path stays as it was.
    const era = this.eraOf(resolved.server);
    if (!shouldRunAsTask(resolved.tool, era)) return undefined;
    return this.run(resolved.server, resolved.toolName, args, era, opts);
  }

  run(server: string, toolName: string, args: Record<string, unknown>, era: TaskEra, opts: TaskCallOptions): Promise<CallToolResult> {
    return runAsTask(this.driver(server, era, opts), toolName, args).then((raw) => asToolResult(raw, server, toolName));
  }

  /** Follows a saved task (its card's view) to its result. */
  resume(server: string, toolName: string, saved: ToolTaskView, opts: TaskCallOptions): Promise<CallToolResult> {
    const era = saved.era === '2026-07-28' ? tasks2026 : tasks2025;
    return resumeTask(this.driver(server, era, opts), saved).then((raw) => asToolResult(raw, server, toolName));
  }

  /** The host is closing: the Stop that follows leaves every task running on its server, to be resumed at the next start. */
  close(): void {
    this.closing = true;
  }

  private driver(server: string, era: TaskEra, opts: TaskCallOptions): TaskDriverDeps {
    return {
      era,
      detached: () => this.closing,
      channel: taskChannelSource(this.fleet, server, this.clock),
      signal: opts.signal,
      clock: this.clock,
      onChange: (task) => opts.onTask?.(task),
      // 2026-07-28 input requests: the same dialogs as any elicitation from this server.
      onInput: (request, signal) =>
        request.method === 'elicitation/create'
          ? this.elicitations.handle(server, request.params as ElicitRequest['params'], signal)
          : Promise.reject(new Error(`Switchboard cannot answer "${request.method}" inside a task.`)),
    };
  }
}

function asToolResult(raw: unknown, server: string, toolName: string): CallToolResult {
  if (!isCallToolResult(raw)) throw new Error(`The task of "${toolName}" on "${server}" ended with a result that is not a tool result.`);
  return raw;
}
