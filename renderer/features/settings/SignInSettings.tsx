// The OAuth Client ID Metadata Document URL: empty (none) by default; servers that support such documents
// identify Switchboard by it instead of registering a new client.
import { useState, type FormEvent } from 'react';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Field } from '../../ui/Field.tsx';
import { SaveActions } from '../../ui/SaveActions.tsx';
import { EnterpriseIdpSettings } from './EnterpriseIdpSettings.tsx';

function MetadataUrlForm({ initial }: { initial: string }) {
  const { updateSettings } = useActions();
  const [url, setUrl] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const value = url.trim();
    if (value && !/^https:\/\/[^\s/]+\/[^\s]+$/.test(value)) return setError('An https URL with a path, or empty for none.');
    setError(undefined);
    const failure = await updateSettings({ clientMetadataUrl: value });
    if (failure) setError(failure.issues?.[0]?.message ?? failure.message);
    else setSaved(true);
  };

  return (
    <form onSubmit={(e) => void save(e)} noValidate onChange={() => setSaved(false)}>
      <Field
        id="client-metadata-url"
        label="Client ID Metadata Document URL"
        error={error}
        hint="Leave empty unless you publish such a document: servers then register Switchboard as a new client when you sign in."
      >
        <input
          id="client-metadata-url"
          className="input mono"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://example.com/oauth/switchboard.json"
          spellCheck={false}
        />
      </Field>
      <SaveActions label="Save sign-in settings" saved={saved} unchanged={url.trim() === initial} />
    </form>
  );
}

export function SignInSettings() {
  const initial = useAppStore((s) => s.settings.view?.clientMetadataUrl);
  const loaded = useAppStore((s) => s.settings.view !== null);
  const idp = useAppStore((s) => s.settings.view?.enterpriseIdp);
  return (
    <section className="card" aria-labelledby="sign-in-heading">
      <div className="card-head">
        <h2 id="sign-in-heading">Signing in to remote servers</h2>
      </div>
      {loaded && <MetadataUrlForm initial={initial ?? ''} />}
      {loaded && <EnterpriseIdpSettings view={idp} />}
    </section>
  );
}
