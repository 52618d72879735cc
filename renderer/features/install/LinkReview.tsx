// An install link waiting for the person: exactly what it would run or connect to, then install-and-approve or cancel.
import { useState } from 'react';
import type { InstallLinkShape } from '../../../app/api/index.ts';
import { assertNever } from '../../../app/api/errors.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Modal, ModalFooter } from '../../ui/Modal.tsx';
import { ShownLaunch } from '../servers/ShownLaunch.tsx';

function from(shape: InstallLinkShape): string {
  switch (shape) {
    case 'switchboard':
      return 'a Switchboard install link';
    case 'vscode':
      return 'a VS Code install link';
    case 'cursor':
      return 'a Cursor install link';
    default:
      return assertNever(shape);
  }
}

export function LinkReview() {
  const review = useAppStore((s) => s.install.links[0]);
  const waiting = useAppStore((s) => s.install.links.length);
  const linkError = useAppStore((s) => s.install.linkError);
  const { acceptLink, dismissLink, selectServer } = useActions();
  const [failure, setFailure] = useState<{ id: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!review) return linkError ? <LinkError message={linkError} /> : null;
  const refused = failure?.id === review.id ? failure.message : null;

  const accept = async () => {
    setBusy(true);
    const out = await acceptLink(review.id, review.fingerprint);
    setBusy(false);
    if (out) setFailure({ id: review.id, message: out.message });
    else selectServer(review.name);
  };
  const close = () => {
    setFailure(null);
    void dismissLink(review.id);
  };

  return (
    <Modal labelledBy="link-review-title" className="modal-wide" onEscape={close}>
      <h2 id="link-review-title">Install &ldquo;{review.name}&rdquo;?</h2>
      <p className="small">
        This came from {from(review.shape)}: someone else wrote it.{' '}
        {review.transport === 'stdio' ? 'It runs this command on your computer, with your permissions:' : 'Switchboard will connect to:'}
      </p>
      <ShownLaunch launch={review.launch} label="What the link installs" />
      {review.exists && <p className="small muted">A server called {review.name} exists already: this one is added under a new name.</p>}
      {waiting > 1 && (
        <p className="small muted">
          {waiting - 1} more link{waiting > 2 ? 's' : ''} waiting after this one.
        </p>
      )}
      <ModalFooter failure={refused}>
        <button type="button" className="btn" onClick={close} aria-label={refused ? 'Close' : `Do not install ${review.name}`}>
          {refused ? 'Close' : 'Cancel'}
        </button>
        {!refused && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void accept()} aria-label={`Install and start ${review.name}`}>
            {busy ? 'Installing…' : 'Install and start'}
          </button>
        )}
      </ModalFooter>
    </Modal>
  );
}

function LinkError({ message }: { message: string }) {
  const { dismissLink } = useActions();
  return (
    <Modal labelledBy="link-error-title" onEscape={() => void dismissLink('')}>
      <h2 id="link-error-title">This install link cannot be used</h2>
      <p className="small">{message}</p>
      <ModalFooter>
        <button type="button" className="btn" onClick={() => void dismissLink('')} aria-label="Close">
          Close
        </button>
      </ModalFooter>
    </Modal>
  );
}
