// MCP prompts: a server's prompts, their arguments, and what getting one returns.
// Plain data that crosses the contract: everything here must survive JSON.stringify.
import type { ResultContentView } from './tools.ts';

export interface PromptArgumentView {
  name: string;
  title?: string;
  description?: string;
  required: boolean;
}

export interface PromptView {
  server: string;
  name: string;
  title?: string;
  description?: string;
  arguments: PromptArgumentView[];
}

export interface PromptMessageView {
  role: 'user' | 'assistant';
  content: ResultContentView;
}

export interface PromptResultView {
  server: string;
  name: string;
  description?: string;
  messages: PromptMessageView[];
}
