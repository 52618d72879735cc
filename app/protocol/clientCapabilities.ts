// The client capabilities Switchboard declares (MCP 2025-11-25): exactly what app/protocol/ handles.
// Not declared: sampling.tools / sampling.context (no tool use or shared context inside sampling).
// Tasks (app/tasks): `tasks: {}` says the client takes part in 2025-11-25 tasks as the requestor (it calls
// tools as tasks and polls them); none of its sub-capabilities is claimed, since servers cannot make
// tasks on the client (no task-augmented sampling or elicitation, no tasks/list or tasks/cancel to answer).
// Extensions: MCP Apps (`io.modelcontextprotocol/ui`, SEP-1865), rendered by app/apps/ and the renderer's app
// frame; the 2026-07-28 Tasks extension (`io.modelcontextprotocol/tasks`, SEP-2663), run by app/tasks.
import type { ClientCapabilities } from '@modelcontextprotocol/client';
import { TASKS_EXTENSION_ID } from '../tasks/tasks2026.ts';

/** The MCP Apps extension id and the one UI resource type Switchboard renders (SEP-1865). */
export const UI_EXTENSION_ID = 'io.modelcontextprotocol/ui';
export const UI_MIME_TYPE = 'text/html;profile=mcp-app';

export const CLIENT_CAPABILITIES = {
  sampling: {},
  // applyDefaults: the core fills in schema defaults for fields an accepted answer leaves out (elicitations.ts).
  elicitation: { form: { applyDefaults: true }, url: {} },
  roots: { listChanged: true },
  tasks: {},
  extensions: { [UI_EXTENSION_ID]: { mimeTypes: [UI_MIME_TYPE] }, [TASKS_EXTENSION_ID]: {} },
} as const satisfies ClientCapabilities;
