// The conversation's messages, virtualized so a thousand of them stay smooth; follows the bottom while streaming,
// and offers "Jump to latest" when the person scrolled up while an answer streams in.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Icon } from '../../ui/Icon.tsx';
import type { MessageView } from '../../../app/api/index.ts';
import { useAppStore } from '../../store/storeContext.tsx';
import { MessageRow } from './MessageRow.tsx';
import { useApprovalFocus } from './useApprovalFocus.ts';

/** Keys that scroll the list when it (or something in it) has focus; Tab brings a focused control into view. */
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ', 'Tab']);
/** How long after the person's wheel, touch or key a fall of scrollTop counts as theirs (smooth scrolling runs on). */
const INPUT_REACH_MS = 1000;

const noIds: string[] = [];

/**
 * The messages' ids as one array that stays the same object while no message is added or replaced, so
 * a streamed delta (which replaces the messages array) neither allocates nor compares a thousand ids
 * through zustand's shallow (two Maps per comparison).
 */
function useMessageIds(conversationId: string): string[] {
  const last = useRef(noIds);
  return useAppStore((s) => {
    const messages: MessageView[] | undefined = s.chat.byId[conversationId]?.messages;
    if (!messages || messages.length === 0) return noIds;
    const prev = last.current;
    if (prev.length === messages.length) {
      let same = true;
      for (let i = messages.length - 1; i >= 0; i--) {
        if (prev[i] !== messages[i]!.id) {
          same = false;
          break;
        }
      }
      if (same) return prev;
    }
    return (last.current = messages.map((m) => m.id));
  });
}

export function MessageList({ conversationId, footer }: { conversationId: string; footer: ReactNode }) {
  const ids = useMessageIds(conversationId);
  const count = ids.length;
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [away, setAwayState] = useState(false);
  const awayNow = useRef(false);
  /** Scroll events come every frame while the list follows the bottom: only a change re-renders. */
  const setAway = useCallback((next: boolean) => {
    if (awayNow.current === next) return;
    awayNow.current = next;
    setAwayState(next);
  }, []);
  const running = useAppStore((s) => s.chat.turns[conversationId]?.running ?? false);
  const lastTop = useRef(0);
  // When the person last scrolled by hand (wheel, touch, key), and whether they hold the scrollbar.
  const inputAt = useRef(-Infinity);
  const dragging = useRef(false);
  // A wheel over an app's frame scrolls the list without a wheel event here; the pointer being there counts.
  const overFrame = useRef(false);
  const byPerson = () => dragging.current || overFrame.current || performance.now() - inputAt.current < INPUT_REACH_MS;
  const noteInput = () => {
    inputAt.current = performance.now();
  };

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => 140,
    overscan: 6,
    getItemKey: useCallback((i: number) => ids[i] ?? i, [ids]),
  });

  useApprovalFocus(conversationId, scroller, virtualizer);

  const toBottom = useCallback(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, []);

  useLayoutEffect(() => {
    stick.current = true;
    setAway(false);
    if (count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
    toBottom();
  }, [conversationId]); // only when the conversation changes

  useEffect(() => {
    const el = content.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      if (stick.current) toBottom();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [toBottom]);

  useLayoutEffect(() => {
    if (stick.current) toBottom();
  }, [count, toBottom]);

  const jump = () => {
    stick.current = true;
    setAway(false);
    if (count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
    toBottom();
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div className="messages-frame">
      <div
        ref={scroller}
        className="messages"
        role="log"
        aria-label="Messages"
        aria-live="off"
        tabIndex={0}
        onWheel={noteInput}
        onTouchMove={noteInput}
        onKeyDown={(e) => {
          if (SCROLL_KEYS.has(e.key)) noteInput();
        }}
        onPointerDown={(e) => {
          // The scrollbar belongs to the scroller itself; the messages sit in its content.
          if (e.target !== e.currentTarget) return;
          dragging.current = true;
          window.addEventListener('pointerup', () => void (dragging.current = false), { once: true });
        }}
        onPointerOver={(e) => void (overFrame.current = e.target instanceof HTMLIFrameElement)}
        onPointerLeave={() => void (overFrame.current = false)}
        onScroll={(e) => {
          const el = e.currentTarget;
          // Only the person scrolling up lets go of the bottom. scrollTop also falls without them: the list
          // keeps the rows in view in place when a row above changes size (an app far above torn down), and
          // content growing above moves it; none of that is the person's, so it must not let go.
          if (el.scrollHeight - el.scrollTop - el.clientHeight < 48) stick.current = true;
          else if (el.scrollTop < lastTop.current - 1 && byPerson()) stick.current = false;
          lastTop.current = el.scrollTop;
          setAway(!stick.current);
        }}
      >
        <div ref={content} className="messages-content">
          <div className="messages-virtual" style={{ height: virtualizer.getTotalSize() }}>
            <div className="messages-window" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
              {items.map((item) => (
                <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="message-slot">
                  <MessageRow conversationId={conversationId} index={item.index} isLast={item.index === count - 1} />
                </div>
              ))}
            </div>
          </div>
          {footer}
        </div>
      </div>
      {away && running && (
        <button type="button" className="btn btn-small jump-latest" onClick={jump} aria-label="Jump to latest">
          <Icon name="arrowDown" size={14} /> Jump to latest
        </button>
      )}
    </div>
  );
}
