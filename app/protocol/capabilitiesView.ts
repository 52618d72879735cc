// A server's declared capabilities as the plain summary a UI needs.
import type { ServerCapabilities } from '@modelcontextprotocol/client';
import type { ServerCapabilitiesView } from '../api/views.ts';

export function capabilitiesView(caps: ServerCapabilities | undefined): ServerCapabilitiesView {
  return {
    tools: caps?.tools !== undefined,
    resources: caps?.resources !== undefined,
    resourceSubscribe: caps?.resources?.subscribe === true,
    prompts: caps?.prompts !== undefined,
    logging: caps?.logging !== undefined,
    completions: caps?.completions !== undefined,
  };
}
