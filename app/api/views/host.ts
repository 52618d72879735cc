// What the host says about itself: version, mode, paths, notices.
// Plain data that crosses the contract: everything here must survive JSON.stringify.
import type { ToolBudgetView } from './tools.ts';

export interface NoticeView {
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  at: number;
}

export interface HostInfo {
  version: string;
  mode: 'electron' | 'web' | 'test';
  dataDir: string;
  configPath: string;
  /** Things the person should know that happened outside any request, e.g. a damaged file set aside. */
  notices: NoticeView[];
  toolBudget: ToolBudgetView;
  /** Where MCP Apps render: the sandbox-proxy page on an origin that is not the host page's. Absent: apps show as plain results. */
  appSandbox?: { url: string };
}
