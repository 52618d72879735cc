// Conversations on disk: one JSON file per conversation, written atomically after every step.
// A damaged file is reported and set aside, never loaded half-way; the others still load.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { HostError } from '../api/errors.ts';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import type { ConversationSearchHit, ConversationSummary, MessageView } from '../api/views.ts';
import { readFileIfExists, writeFileAtomic, writesSettled } from '../base/atomicFile.ts';
import type { Logger } from '../base/logger.ts';
import { CONVERSATION_FILE_VERSION, type Conversation } from './conversation.ts';
import { searchConversations } from './conversationSearch.ts';
import { upgradeSavedMessages } from './savedServerKey.ts';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

export interface DamagedConversation {
  file: string;
  movedTo: string;
  reason: string;
}

export class ConversationStore {
  private readonly dir: string;
  private readonly cache = new Map<string, Conversation>();
  private loading: Promise<void> | undefined;
  readonly damaged: DamagedConversation[] = [];

  /**
   * `mask` is applied to what is written (the host passes its redactor): a secret a tool echoed, or Claude
   * repeated, is saved masked as the screen shows it, never in plain text.
   */
  constructor(
    dataDir: string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly mask: (conversation: Conversation) => Conversation = (c) => c,
  ) {
    this.dir = path.join(dataDir, 'conversations');
  }

  async list(): Promise<ConversationSummary[]> {
    await this.loadAll();
    return [...this.cache.values()].map(summarize).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** Conversations whose title or messages contain every word of `query`, most recent first. */
  async search(query: string): Promise<ConversationSearchHit[]> {
    await this.loadAll();
    return searchConversations([...this.cache.values()], query);
  }

  async get(id: string): Promise<Conversation> {
    await this.loadAll();
    const conversation = ID_PATTERN.test(id) ? this.cache.get(id) : undefined;
    if (!conversation) throw new HostError('not-found', 'That conversation no longer exists. It may have been deleted.');
    return conversation;
  }

  async create(title?: string): Promise<Conversation> {
    await this.loadAll();
    const at = this.now();
    const conversation: Conversation = {
      version: CONVERSATION_FILE_VERSION,
      id: randomUUID(),
      title: title?.trim() || 'New conversation',
      createdAt: at,
      updatedAt: at,
      transcript: [],
      messages: [],
    };
    this.cache.set(conversation.id, conversation);
    await this.save(conversation);
    return conversation;
  }

  async rename(id: string, title: string): Promise<Conversation> {
    const conversation = await this.get(id);
    conversation.title = title.trim();
    conversation.titleBy = 'person';
    conversation.updatedAt = this.now();
    await this.save(conversation);
    return conversation;
  }

  async delete(id: string): Promise<void> {
    await this.get(id);
    this.cache.delete(id);
    await writesSettled(this.fileOf(id));
    await fs.rm(this.fileOf(id), { force: true });
  }

  /** Writes the conversation as it is now (the atomic writer keeps saves of one file in order); a deleted one is not written. */
  save(conversation: Conversation): Promise<void> {
    if (!this.cache.has(conversation.id)) return Promise.resolve();
    return writeFileAtomic(this.fileOf(conversation.id), JSON.stringify(this.mask(conversation)));
  }

  async flush(): Promise<void> {
    await Promise.all([...this.cache.keys()].map((id) => writesSettled(this.fileOf(id))));
  }

  private fileOf(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  /** Reads every file once; concurrent callers share the one read, and a failed read is tried again. */
  private loadAll(): Promise<void> {
    this.loading ??= this.readAll().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  private async readAll(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const names = (await fs.readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    for (const name of names) {
      const file = path.join(this.dir, name);
      const text = await readFileIfExists(file);
      if (text === undefined) continue;
      const problem = parseConversation(text, name.slice(0, -'.json'.length));
      if (typeof problem === 'string') {
        await this.setAside(file, problem);
      } else {
        this.cache.set(problem.id, problem);
      }
    }
  }

  private async setAside(file: string, reason: string): Promise<void> {
    const movedTo = `${file}.damaged-${this.now()}`;
    await fs.rename(file, movedTo).catch(() => undefined);
    this.damaged.push({ file, movedTo, reason });
    this.logger.warn(`Conversation file ${path.basename(file)} is damaged and was set aside as ${path.basename(movedTo)}: ${reason}`);
  }
}

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A conversation file: the envelope is checked field by field; each message must at least be an object. */
const conversationHead = z.object({ version: z.unknown(), id: z.unknown() });
const conversationFileSchema = z.object({
  version: z.literal(CONVERSATION_FILE_VERSION),
  id: z.string(),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  transcript: z.array(z.custom<MessageParam>(isObject)),
  messages: z.array(z.custom<MessageView>(isObject)),
  accounts: z.record(z.string(), z.string()).optional(),
});

function parseConversation(text: string, expectedId: string): Conversation | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `it is not valid JSON (${(error as Error).message})`;
  }
  const head = conversationHead.safeParse(value);
  if (!head.success || !isObject(value)) return 'it is not a JSON object';
  if (head.data.version !== CONVERSATION_FILE_VERSION) return `unknown file version ${String(head.data.version)}`;
  if (head.data.id !== expectedId) return 'its id does not match its file name';
  const parsed = conversationFileSchema.safeParse(value);
  if (parsed.success) return { ...parsed.data, messages: upgradeSavedMessages(parsed.data.messages) };
  const field = parsed.error.issues[0]?.path[0];
  return field === 'createdAt' || field === 'updatedAt' ? 'it is missing its timestamps' : 'it is missing its title, transcript or messages';
}

export function summarize(c: Conversation): ConversationSummary {
  return { id: c.id, title: c.title, createdAt: c.createdAt, updatedAt: c.updatedAt, messageCount: c.messages.length };
}
