// The MCP client protocol's small parts: server capabilities, logging levels, completions and roots.
// Plain data that crosses the contract: everything here must survive JSON.stringify.

/** The eight syslog levels of MCP's `logging/setLevel` and `notifications/message`. */
export type McpLogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'critical' | 'alert' | 'emergency';

/** From the server's initialize result: which screens make sense for it. */
export interface ServerCapabilitiesView {
  tools: boolean;
  resources: boolean;
  /** `resources.subscribe` works. */
  resourceSubscribe: boolean;
  prompts: boolean;
  /** `logging.setLevel` works. */
  logging: boolean;
  /** `completions.complete` returns suggestions. */
  completions: boolean;
}

export type CompletionRefView = { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string };

export interface CompletionView {
  values: string[];
  total?: number;
  hasMore: boolean;
}

/** Folders servers may work in, sent as `file://` roots: global ones go to every server. */
export interface RootsView {
  global: string[];
  perServer: Record<string, string[]>;
}
