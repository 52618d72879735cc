// The client capabilities Switchboard declares (MCP 2025-11-25): exactly what app/protocol/ handles.
// Not declared: sampling.tools / sampling.context (no tool use or shared context inside sampling), tasks.
// Extensions: MCP Apps (`io.modelcontextprotocol/ui`, SEP-1865), rendered by app/apps/ and the renderer's app frame.
import type { ClientCapabilities } from '@modelcontextprotocol/client';

/** The MCP Apps extension id and the one UI resource type Switchboard renders (SEP-1865). */
export const UI_EXTENSION_ID = 'io.modelcontextprotocol/ui';
export const UI_MIME_TYPE = 'text/html;profile=mcp-app';

export const CLIENT_CAPABILITIES = {
  sampling: {},
  // applyDefaults: the core fills in schema defaults for fields an accepted answer leaves out (elicitations.ts).
  elicitation: { form: { applyDefaults: true }, url: {} },
  roots: { listChanged: true },
  extensions: { [UI_EXTENSION_ID]: { mimeTypes: [UI_MIME_TYPE] } },
} as const satisfies ClientCapabilities;
