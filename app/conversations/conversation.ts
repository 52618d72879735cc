// A conversation as the core holds it: the transcript the API sees, and the messages a person sees.
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { MessageView } from '../api/views.ts';

export const CONVERSATION_FILE_VERSION = 1;

export interface Conversation {
  version: typeof CONVERSATION_FILE_VERSION;
  id: string;
  title: string;
  /**
   * Who wrote the title: the first words of the first message, Claude (the short automatic title), or
   * the person. Only a first-words title is replaced automatically. Absent in older files: left alone.
   */
  titleBy?: TitleAuthor;
  createdAt: number;
  updatedAt: number;
  /** Exactly what the next request sends: valid for the Messages API after every step. */
  transcript: MessageParam[];
  /** What the UI shows: user text, assistant text and tool-call cards with their results. */
  messages: MessageView[];
  /** The account each remote server is called as in this conversation (server name → account id); absent: the server's default. */
  accounts?: Record<string, string> | undefined;
}

export type TitleAuthor = 'first-words' | 'claude' | 'person';
