// Where the person writes. Enter sends, Shift+Enter is a new line; the text stays in the store until a send succeeds.
// `/` opens the servers' prompts as slash commands; the paperclip attaches resources as context.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PromptView } from '../../../app/api/index.ts';
import { allPrompts } from '../../store/protocolState.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { AttachmentChips } from './AttachmentChips.tsx';
import { PromptForm } from './PromptForm.tsx';
import { ResourcePicker } from './ResourcePicker.tsx';
import { filterPrompts, promptId, SlashMenu } from './SlashMenu.tsx';
import { ToolBudgetNotice } from './ToolBudgetNotice.tsx';

const NO_ATTACHMENTS: never[] = [];

export function Composer({ conversationId }: { conversationId: string | null }) {
  const draftKey = conversationId ?? '';
  const text = useAppStore((s) => s.chat.drafts[draftKey] ?? '');
  const running = useAppStore((s) => (conversationId ? (s.chat.turns[conversationId]?.running ?? false) : false));
  const sending = useAppStore((s) => (conversationId ? (s.chat.sending[conversationId] ?? false) : false));
  const attachments = useAppStore((s) => s.protocol.attachments[draftKey] ?? NO_ATTACHMENTS);
  const promptsByServer = useAppStore(useShallow((s) => s.protocol.prompts));
  const order = useAppStore(useShallow((s) => s.servers.order));
  const focusTarget = useAppStore((s) => s.ui.focusTarget);
  const { setDraft, send, cancel, runPrompt, detach, loadPrompts, consumeFocus } = useActions();
  const box = useRef<HTMLTextAreaElement>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [form, setForm] = useState<PromptView | null>(null);
  const [picker, setPicker] = useState(false);
  const [promptError, setPromptError] = useState<string | null>(null);

  const query = /^\/(\S*)$/.exec(text)?.[1];
  const menuOpen = query !== undefined && dismissed !== text && !form && !running;
  const prompts = useMemo(() => allPrompts(promptsByServer, order), [promptsByServer, order]);
  const matches = useMemo(() => (menuOpen ? filterPrompts(prompts, query) : []), [menuOpen, prompts, query]);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 240)}px`;
  }, [text]);

  useEffect(() => {
    box.current?.focus();
    setForm(null);
    setPicker(false);
  }, [conversationId]);

  useEffect(() => {
    if (focusTarget !== 'composer') return;
    box.current?.focus();
    consumeFocus();
  }, [focusTarget, consumeFocus]);

  useEffect(() => {
    if (menuOpen && prompts.length === 0) void loadPrompts();
  }, [menuOpen, prompts.length, loadPrompts]);

  useEffect(() => setActive(0), [query]);

  const picking = menuOpen && matches.length > 0;
  const canSend = text.trim().length > 0 && !running && !sending && !picking;

  const choose = async (p: PromptView) => {
    setDraft(conversationId, '');
    setPromptError(null);
    if (p.arguments.length > 0) return setForm(p);
    const error = await runPrompt(p.server, p.name, {});
    if (error) setPromptError(error.message);
  };

  const closeForm = (ran: boolean) => {
    setForm(null);
    if (!ran) box.current?.focus();
  };

  return (
    <div className="composer-anchor">
      {menuOpen && <SlashMenu prompts={matches} active={active} loading={prompts.length === 0} onPick={(p) => void choose(p)} onHover={setActive} />}
      {form && <PromptForm key={`${form.server}/${form.name}`} prompt={form} onDone={closeForm} />}
      {picker && (
        <ResourcePicker
          conversationId={conversationId}
          onClose={(refocus) => {
            setPicker(false);
            if (refocus) box.current?.focus();
          }}
        />
      )}
      <ToolBudgetNotice conversationId={conversationId} />
      {promptError && (
        <p className="inline-error small composer-note" role="alert">
          {promptError}
        </p>
      )}
      <form
        className="composer"
        onSubmit={(e) => {
          e.preventDefault();
          if (canSend) void send();
        }}
      >
        <AttachmentChips items={attachments} label="Attached resources" onRemove={(a) => detach(conversationId, a)} />
        <div className="composer-row">
          <button
            type="button"
            className="icon-btn composer-attach"
            data-picker-toggle
            onClick={() => setPicker(!picker)}
            aria-label="Attach a resource"
            aria-expanded={picker}
            title="Attach a resource from a server"
          >
            <Icon name="paperclip" />
          </button>
          <textarea
            ref={box}
            className="composer-input"
            rows={1}
            value={text}
            placeholder={
              running ? 'Claude is answering… (Esc to stop)' : 'Ask Claude anything, or type / for prompts. Enter to send, Shift+Enter for a new line.'
            }
            aria-label="Message to Claude"
            role={menuOpen ? 'combobox' : undefined}
            aria-expanded={menuOpen ? true : undefined}
            aria-controls={menuOpen ? 'slash-menu' : undefined}
            aria-autocomplete={menuOpen ? 'list' : undefined}
            aria-activedescendant={menuOpen && matches[active] ? promptId(matches[active]) : undefined}
            onChange={(e) => {
              setDraft(conversationId, e.target.value);
              setPromptError(null);
            }}
            onKeyDown={(e) => {
              if (menuOpen) {
                if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  const n = matches.length;
                  if (n) setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % n : (i - 1 + n) % n));
                  return;
                }
                if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && matches[active]) {
                  e.preventDefault();
                  void choose(matches[active]);
                  return;
                }
                if (e.key === 'Escape') {
                  e.preventDefault();
                  setDismissed(text);
                  return;
                }
              }
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                if (canSend) void send();
              }
            }}
          />
          {running ? (
            <button type="button" className="btn btn-stop" onClick={() => void cancel()} aria-label="Stop the answer (Esc)" title="Stop (Esc)">
              <Icon name="stop" /> Stop
            </button>
          ) : (
            <button type="submit" className="btn btn-primary btn-send" disabled={!canSend} aria-label="Send message" title="Send (Enter)">
              <Icon name="send" />
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
