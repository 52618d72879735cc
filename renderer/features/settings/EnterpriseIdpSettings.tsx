// Settings → the organization's identity provider for enterprise-managed sign-in (SEP-990): its issuer,
// Switchboard's client there (id and an optional secret), and the person's ID token, pasted from the IdP. Servers
// whose sign-in is "Through your organization" exchange that ID token for access without a browser. Secrets are
// typed here once and kept in the OAuth secret store; the form only says whether one is stored.
import { useState, type FormEvent } from 'react';
import type { EnterpriseIdpView } from '../../../app/api/index.ts';
import { useActions } from '../../store/storeContext.tsx';
import { Field } from '../../ui/Field.tsx';

type Errors = Record<string, string>;

function check(issuer: string, clientId: string, tokenEndpoint: string, idToken: string): Errors {
  const errors: Errors = {};
  const url = (v: string) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  };
  if (!url(issuer)) errors.issuer = "Give the identity provider's issuer URL, e.g. https://login.example.com.";
  if (!clientId.trim()) errors.clientId = "Give Switchboard's client id at the identity provider.";
  if (tokenEndpoint.trim() && !url(tokenEndpoint.trim())) errors.tokenEndpoint = 'The token endpoint must be a full http(s) URL, or empty.';
  if (idToken.trim() && !/^[\w-]+\.[\w-]+\.[\w-]*$/.test(idToken.trim()))
    errors.idToken = 'An ID token is a JWT: three parts separated by dots, e.g. eyJhbGciOi….';
  return errors;
}

export function EnterpriseIdpSettings({ view }: { view: EnterpriseIdpView | undefined }) {
  const { updateSettings } = useActions();
  const [issuer, setIssuer] = useState(view?.issuer ?? '');
  const [clientId, setClientId] = useState(view?.clientId ?? '');
  const [tokenEndpoint, setTokenEndpoint] = useState(view?.tokenEndpoint ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [idToken, setIdToken] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const local = check(issuer.trim(), clientId, tokenEndpoint, idToken);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const failure = await updateSettings({
      enterpriseIdp: {
        issuer: issuer.trim(),
        clientId: clientId.trim(),
        tokenEndpoint: tokenEndpoint.trim(),
        ...(clientSecret.trim() ? { clientSecret: clientSecret.trim() } : {}),
        ...(idToken.trim() ? { idToken: idToken.trim() } : {}),
      },
    });
    if (failure) return setErrors({ form: failure.issues?.[0]?.message ?? failure.message });
    setClientSecret('');
    setIdToken('');
    setSaved(true);
  };
  const remove = async () => {
    const failure = await updateSettings({ enterpriseIdp: null });
    if (failure) return setErrors({ form: failure.message });
    for (const reset of [setIssuer, setClientId, setTokenEndpoint, setClientSecret, setIdToken]) reset('');
    setSaved(false);
  };
  const input = (id: string, value: string, set: (v: string) => void, extra: { type?: string; placeholder?: string } = {}) => (
    <input
      id={id}
      className="input mono"
      value={value}
      onChange={(e) => set(e.target.value)}
      aria-invalid={errors[id.replace('idp-', '')] ? true : undefined}
      spellCheck={false}
      autoComplete="off"
      {...extra}
    />
  );

  return (
    <form onSubmit={(e) => void save(e)} noValidate onChange={() => setSaved(false)} aria-label="Your organization's identity provider">
      <h3 className="form-subhead">Your organization&apos;s identity provider</h3>
      <p className="field-hint">
        For servers set to sign in &ldquo;through your organization&rdquo; (enterprise-managed authorization): Switchboard exchanges your ID token there for
        access to each server, without a browser.
      </p>
      <Field id="idp-issuer" label="Issuer URL" error={errors.issuer}>
        {input('idp-issuer', issuer, setIssuer, { type: 'url', placeholder: 'https://login.example.com' })}
      </Field>
      <Field id="idp-clientId" label="Client ID at the identity provider" error={errors.clientId}>
        {input('idp-clientId', clientId, setClientId)}
      </Field>
      <Field
        id="idp-clientSecret"
        label="Client secret (optional)"
        hint={view?.clientSecretSet ? 'A secret is stored. Type a new one to replace it.' : 'Only if the identity provider gave Switchboard one.'}
      >
        {input('idp-clientSecret', clientSecret, setClientSecret, { type: 'password' })}
      </Field>
      <Field
        id="idp-tokenEndpoint"
        label="Token endpoint (optional)"
        error={errors.tokenEndpoint}
        hint="Only when it cannot be found from the issuer's metadata."
      >
        {input('idp-tokenEndpoint', tokenEndpoint, setTokenEndpoint, { type: 'url' })}
      </Field>
      <Field
        id="idp-idToken"
        label="Your ID token"
        error={errors.idToken}
        hint={
          view?.idTokenSet
            ? 'An ID token is stored. Paste a new one when it expires.'
            : "Paste the ID token your identity provider issued you (from its portal or command-line tool). It is kept in Switchboard's secret store."
        }
      >
        {input('idp-idToken', idToken, setIdToken, { type: 'password', placeholder: 'eyJhbGciOi…' })}
      </Field>
      {errors.form && (
        <p className="inline-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-label="Save identity provider">
          Save
        </button>
        {view && (
          <button type="button" className="btn btn-ghost" onClick={() => void remove()} aria-label="Remove identity provider">
            Remove
          </button>
        )}
        {saved && (
          <span className="ok-note small" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
