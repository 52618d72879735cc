// Brings a tool call that waits for approval into view and onto "Allow once", unless the person is typing.
import { useEffect } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { MessageView } from '../../../app/api/index.ts';
import { useAppStore } from '../../store/storeContext.tsx';

/** `<message index>|<call id>` of the newest call awaiting approval, or '' when none waits. */
export function awaitingApproval(messages: MessageView[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'assistant') continue;
    for (const block of m.blocks) if (block.kind === 'tool' && block.call.status === 'awaiting-approval') return `${i}|${block.call.id}`;
  }
  return '';
}

/** A field with text in it has focus (an emptied composer right after sending does not count). */
function isTyping(): boolean {
  const el = document.activeElement;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el.value.length > 0;
  return el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'SELECT');
}

export function useApprovalFocus(conversationId: string, scroller: { current: HTMLElement | null }, virtualizer: Virtualizer<HTMLDivElement, Element>): void {
  const awaiting = useAppStore((s) => awaitingApproval(s.chat.byId[conversationId]?.messages ?? []));
  useEffect(() => {
    if (!awaiting) return;
    const [index, callId] = awaiting.split('|') as [string, string];
    virtualizer.scrollToIndex(Number(index), { align: 'end' });
    let frames = 0;
    let handle = 0;
    const reveal = () => {
      const card = Array.from(scroller.current?.querySelectorAll<HTMLElement>('.tool-card[data-call-id]') ?? []).find((el) => el.dataset.callId === callId);
      const allow = card?.querySelector<HTMLButtonElement>('.approval .btn-primary');
      if (!card || !allow) {
        if (++frames < 10) handle = requestAnimationFrame(reveal);
        return;
      }
      card.querySelector('.approval')?.scrollIntoView({ block: 'nearest' });
      if (!isTyping()) allow.focus({ preventScroll: true });
    };
    handle = requestAnimationFrame(reveal);
    return () => cancelAnimationFrame(handle);
  }, [awaiting, scroller, virtualizer]);
}
