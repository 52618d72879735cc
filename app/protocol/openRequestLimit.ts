// How many requests one server may keep waiting on the person at once (sampling, elicitation).
// Past the bound the request is refused at once with a JSON-RPC error the server receives, so a
// flood costs the host nothing: no view is kept and nothing reaches the page.
export const MAX_OPEN_PER_SERVER = 4;
/** In JSON-RPC's implementation-defined server-error range; the SDK's own codes use -32000 and -32001. */
export const TOO_MANY_OPEN_REQUESTS = -32003;

/** A plain Error with a JSON-RPC code: the SDK sends its message as is (an McpError's would carry an "MCP error -32003:" prefix twice by the time the server reads it). */
export function tooManyOpen(what: 'sampling' | 'elicitation', server: string, max: number): Error & { code: number } {
  const message = `Switchboard refused this ${what} request: "${server}" already has ${max} waiting for the person. Wait for an answer before sending more.`;
  return Object.assign(new Error(message), { code: TOO_MANY_OPEN_REQUESTS });
}
