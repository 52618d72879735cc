// One message in the list: the person's text, or the assistant's blocks (markdown and tool cards).
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MessageView } from '../../../app/api/index.ts';
import { assertNever } from '../../../app/api/errors.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { turnUsageAt } from '../../store/turnUsage.ts';
import { CopyButton } from '../../ui/CopyButton.tsx';
import { ApiErrorNotice } from './ApiErrorNotice.tsx';
import { LongMessage } from './LongMessage.tsx';
import { AttachmentChips } from './AttachmentChips.tsx';
import { Markdown } from './Markdown.tsx';
import { ToolCallCard } from './ToolCallCard.tsx';
import { ToolSearchLine } from './ToolSearchLine.tsx';
import { UsageLine } from './UsageLine.tsx';

type Assistant = Extract<MessageView, { role: 'assistant' }>;

function PromptMarker({ origin }: { origin: NonNullable<MessageView['prompt']> }) {
  return (
    <span className="prompt-marker" title={`Inserted by the prompt ${origin.name} of the server ${origin.server}`}>
      from prompt{' '}
      <span className="mono">
        {origin.server}/{origin.name}
      </span>
    </span>
  );
}

function AppMarker({ origin }: { origin: NonNullable<Extract<MessageView, { role: 'user' }>['app']> }) {
  return (
    <span className="prompt-marker" title={`Sent by the app of the tool ${origin.tool} of the server ${origin.server}, not typed by you`}>
      from the app{' '}
      <span className="mono">
        {origin.server}/{origin.tool}
      </span>
    </span>
  );
}

function statusNote(message: Assistant): string | null {
  switch (message.status) {
    case 'cancelled':
      return 'Stopped.';
    case 'interrupted':
      return 'This answer was interrupted before it finished.';
    case 'error':
    case 'streaming':
    case 'complete':
      return null;
    default:
      return assertNever(message.status);
  }
}

/** What "copy" puts on the clipboard: the message's text as written (markdown), without tool cards. */
function assistantText(message: Assistant): string {
  return message.blocks
    .map((b) => (b.kind === 'text' ? b.text.trim() : ''))
    .filter(Boolean)
    .join('\n\n');
}

function lastTextIndex(message: Assistant): number {
  for (let i = message.blocks.length - 1; i >= 0; i--) if (message.blocks[i]!.kind === 'text') return i;
  return -1;
}

const AssistantMessage = memo(function AssistantMessage({
  message,
  isLast,
  conversationId,
  index,
}: {
  message: Assistant;
  isLast: boolean;
  conversationId: string;
  index: number;
}) {
  const streaming = message.status === 'streaming';
  const usage = useAppStore(useShallow((s) => turnUsageAt(s.chat.byId[conversationId]?.messages ?? [], index)));
  const running = useAppStore((s) => s.chat.turns[conversationId]?.running ?? false);
  const { retry } = useActions();
  const note = statusNote(message);
  const canRetryStopped = message.status === 'cancelled' && isLast && !running;
  const lastText = lastTextIndex(message);
  const copyText = streaming ? '' : assistantText(message);
  const allText = message.blocks.map((b) => (b.kind === 'text' ? b.text : '')).join('\n');
  return (
    <div className="msg msg-assistant" data-status={message.status}>
      <LongMessage text={allText} streaming={streaming}>
        {message.prompt && <PromptMarker origin={message.prompt} />}
        {message.tools && <ToolSearchLine tools={message.tools} />}
        {message.blocks.length === 0 && streaming && (
          <div className="thinking" aria-label="Claude is thinking">
            <span />
            <span />
            <span />
          </div>
        )}
        {message.blocks.map((block, i) =>
          block.kind === 'text' ? (
            block.text ? (
              <Markdown key={i} text={block.text} streaming={streaming && i === lastText} />
            ) : null
          ) : (
            <ToolCallCard key={block.call.id} call={block.call} />
          ),
        )}
      </LongMessage>
      {note && (
        <div className="msg-note-row">
          <p className="msg-note">{note}</p>
          {canRetryStopped && (
            <button type="button" className="btn btn-small" onClick={() => void retry()} aria-label="Retry the last message">
              <Icon name="refresh" /> Retry
            </button>
          )}
        </div>
      )}
      {message.error && <ApiErrorNotice error={message.error} canRetry={isLast && !running} />}
      {(copyText || (usage && !streaming && !(isLast && running))) && (
        <div className="msg-foot">
          {usage && !streaming && !(isLast && running) && <UsageLine usage={usage} />}
          {copyText && <CopyButton text={copyText} label="Copy Claude's answer" />}
        </div>
      )}
    </div>
  );
});

export const MessageRow = memo(function MessageRow({ conversationId, index, isLast }: { conversationId: string; index: number; isLast: boolean }) {
  const message = useAppStore((s) => s.chat.byId[conversationId]?.messages[index]);
  if (!message) return null;
  if (message.role === 'user') {
    return (
      <div className="msg msg-user">
        {message.prompt && <PromptMarker origin={message.prompt} />}
        {message.app && <AppMarker origin={message.app} />}
        {message.attachments && <AttachmentChips items={message.attachments} label="Attached to this message" />}
        {message.text && (
          <LongMessage text={message.text} streaming={false}>
            <div className="bubble prewrap">{message.text}</div>
          </LongMessage>
        )}
        {message.text && (
          <div className="msg-foot">
            <CopyButton text={message.text} label="Copy your message" />
          </div>
        )}
      </div>
    );
  }
  return <AssistantMessage message={message} isLast={isLast} conversationId={conversationId} index={index} />;
});
