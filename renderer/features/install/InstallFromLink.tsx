// Settings → Install from a link: paste any install link (switchboard://, vscode:mcp/install, a Cursor link) and
// get the same review as a link that opened the app. The desktop app receives only switchboard:// from the system;
// this is how the other shapes reach it, and how any link reaches web mode without the /install address.
import { useState } from 'react';
import { useActions } from '../../store/storeContext.tsx';
import { Field } from '../../ui/Field.tsx';

export function InstallFromLink() {
  const { openInstallLink } = useActions();
  const [link, setLink] = useState('');
  const [busy, setBusy] = useState(false);

  const review = async () => {
    setBusy(true);
    // The review (or why the link cannot be read) opens as a dialog, as for a link that opened the app.
    if (await openInstallLink(link.trim())) setLink('');
    setBusy(false);
  };

  return (
    <section className="card" aria-labelledby="install-link-heading">
      <div className="card-head">
        <h2 id="install-link-heading">Install from a link</h2>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (link.trim()) void review();
        }}
      >
        <Field
          id="install-link"
          label="Install link"
          hint={
            <>
              A <code>switchboard://</code>, <code>vscode:mcp/install</code> or Cursor install link from a README. You see exactly what it would run before
              anything is saved.
            </>
          }
        >
          <input
            id="install-link"
            className="input mono"
            value={link}
            spellCheck={false}
            autoComplete="off"
            placeholder="vscode:mcp/install?…"
            onChange={(e) => setLink(e.target.value)}
          />
        </Field>
        <div className="row-gap">
          <button type="submit" className="btn" disabled={busy || !link.trim()} aria-label="Review the install link">
            Review
          </button>
        </div>
      </form>
    </section>
  );
}
