// Resources attached to a message, as chips: removable in the composer, read-only on a sent message.
import type { AttachmentView } from '../../../app/api/index.ts';
import { Icon } from '../../ui/Icon.tsx';

/** Its name, else the end of its URI (with the part before when the end alone says little, e.g. `text/7`). */
export function attachmentLabel(a: AttachmentView): string {
  if (a.name && a.name !== a.uri) return a.name;
  const parts = a.uri
    .replace(/^[a-z][a-z0-9+.-]*:\/*/i, '')
    .split(/[/\\]/)
    .filter(Boolean);
  const tail = parts.at(-1);
  if (!tail) return a.uri;
  return tail.length < 12 && parts.length > 1 ? `${parts.at(-2)}/${tail}` : tail;
}

export function AttachmentChips({ items, onRemove, label }: { items: AttachmentView[]; onRemove?: (a: AttachmentView) => void; label: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="attachments" aria-label={label}>
      {items.map((a) => (
        <li key={`${a.server}\n${a.uri}`} className="attachment" title={`${a.uri} from ${a.server}${a.mimeType ? ` (${a.mimeType})` : ''}`}>
          <Icon name="paperclip" size={13} />
          <span className="attachment-name">{attachmentLabel(a)}</span>
          <span className="attachment-server">{a.server}</span>
          {onRemove && (
            <button type="button" className="attachment-remove" onClick={() => onRemove(a)} aria-label={`Remove attachment ${attachmentLabel(a)}`}>
              <Icon name="x" size={12} />
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
