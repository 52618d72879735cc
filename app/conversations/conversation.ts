// A conversation as the core holds it: the transcript the API sees, and the messages a person sees.
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { MessageView } from '../api/views.ts';

export const CONVERSATION_FILE_VERSION = 1;

export interface Conversation {
  version: typeof CONVERSATION_FILE_VERSION;
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** Exactly what the next request sends: valid for the Messages API after every step. */
  transcript: MessageParam[];
  /** What the UI shows: user text, assistant text and tool-call cards with their results. */
  messages: MessageView[];
}
