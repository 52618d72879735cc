// Copies text to the clipboard and says so for a moment.
import { useEffect, useState } from 'react';
import { Icon } from './Icon.tsx';

const SHOWN_MS = 1500;

async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text);
  // Without the async clipboard (an insecure context), the old way still works from a click.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('The browser refused to copy.');
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), SHOWN_MS);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      className={`icon-btn copy-btn${state === 'idle' ? '' : ' has-note'}`}
      aria-label={label}
      title={state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy' : 'Copy'}
      onClick={() =>
        writeClipboard(text).then(
          () => setState('copied'),
          () => setState('failed'),
        )
      }
    >
      <Icon name={state === 'copied' ? 'check' : 'copy'} size={14} />
      <span className="copy-note" role="status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy' : ''}
      </span>
    </button>
  );
}
