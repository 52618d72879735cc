// MCP Apps (io.modelcontextprotocol/ui): a tool's ui:// HTML, rendered in a sandboxed frame.
// Plain data that crosses the contract: everything here must survive JSON.stringify.

/** Network origins an app's resource declared (`_meta.ui.csp`); only https/wss origins are kept. */
export interface AppCspView {
  connectDomains: string[];
  resourceDomains: string[];
  frameDomains: string[];
  baseUriDomains: string[];
}

/** A tool's UI resource, ready for the sandbox: `html` already carries its Content-Security-Policy. */
export interface AppResourceView {
  server: string;
  /** The tool's own name. */
  tool: string;
  uri: string;
  html: string;
  csp: AppCspView;
  /** The resource asked for a visible border and background (`_meta.ui.prefersBorder`). */
  prefersBorder?: boolean;
}

/** A tools/call result as the app receives it (MCP's CallToolResult, JSON only). */
export interface AppToolResult {
  content: unknown[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** The MCP App (its server and tool) that sent a message. */
export interface AppOriginView {
  server: string;
  tool: string;
}
