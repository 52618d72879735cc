// The client capabilities Switchboard declares (MCP 2025-11-25): exactly what app/protocol/ handles.
// Not declared: sampling.tools / sampling.context (no tool use or shared context inside sampling), tasks.
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';

export const CLIENT_CAPABILITIES = {
  sampling: {},
  // applyDefaults: the core fills in schema defaults for fields an accepted answer leaves out (elicitations.ts).
  elicitation: { form: { applyDefaults: true }, url: {} },
  roots: { listChanged: true },
} as const satisfies ClientCapabilities;
