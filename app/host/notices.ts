// Things the person should know that happened outside any request (a damaged file set aside, …).
import { randomUUID } from 'node:crypto';
import type { NoticeView } from '../api/views.ts';
import type { EventHub } from '../base/eventHub.ts';

const MAX_NOTICES = 50;

export class Notices {
  private readonly items: NoticeView[] = [];

  constructor(
    private readonly events: EventHub,
    private readonly now: () => number,
  ) {}

  add(level: NoticeView['level'], message: string): NoticeView {
    const notice: NoticeView = { id: randomUUID(), level, message, at: this.now() };
    this.items.push(notice);
    if (this.items.length > MAX_NOTICES) this.items.shift();
    this.events.emit('host.notice', notice);
    return notice;
  }

  list(): NoticeView[] {
    return [...this.items];
  }
}
