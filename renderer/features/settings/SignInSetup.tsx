// The "Sign-in" section of the server form for a remote server: how Switchboard signs in (browser or client
// credentials), the registered client, its secret or private key (typed here once, kept in the secret store),
// scopes, a client metadata document and DPoP. Collapsed by default: most servers need none of it.
import { useState } from 'react';
import { Field } from '../../ui/Field.tsx';
import { Toggle } from '../../ui/Toggle.tsx';
import type { FieldErrors } from './serverForm.ts';
import { wantsSecret, type AuthMethodChoice, type OAuthFormState } from './oauthForm.ts';

const METHODS: { value: AuthMethodChoice; label: string }[] = [
  { value: '', label: 'Automatic' },
  { value: 'client_secret_basic', label: 'Client secret (HTTP Basic)' },
  { value: 'client_secret_post', label: 'Client secret (in the request body)' },
  { value: 'private_key_jwt', label: 'Private key (private_key_jwt)' },
  { value: 'none', label: 'None (public client)' },
];

/** One line for the closed section. */
function summary(o: OAuthFormState): string {
  const how = o.grant === 'client_credentials' ? 'Client credentials, no browser' : o.grant === 'enterprise' ? 'Through your organization' : 'Browser sign-in';
  const who = o.clientId.trim() ? `client ${o.clientId.trim()}` : o.grant === 'authorization_code' ? 'registers itself' : '';
  return [how, who, o.dpop ? 'DPoP' : ''].filter(Boolean).join(' · ');
}

export function SignInSetup({ value, errors, onChange }: { value: OAuthFormState; errors: FieldErrors; onChange: (next: OAuthFormState) => void }) {
  const [open, setOpen] = useState(false);
  const hasError = Object.keys(errors).some((k) => k.startsWith('oauth.'));
  const set = (patch: Partial<OAuthFormState>) => onChange({ ...value, ...patch });
  const isKey = value.authMethod === 'private_key_jwt';
  const stored = value.secretStored
    ? isKey
      ? 'A private key is stored. Paste a new one to replace it.'
      : 'A secret is stored. Type a new one to replace it.'
    : undefined;
  return (
    <details className="signin-setup" open={open || hasError} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <span className="signin-setup-title">Sign-in</span> <span className="muted small">{summary(value)}</span>
      </summary>
      <div className="signin-setup-body">
        <p className="field-hint">
          Most servers need nothing here: Switchboard finds their authorization server and registers itself. Fill this in when the server&apos;s owner gave you
          a client id, a secret or a key.
        </p>
        <Field id="srv-oauth-grant" label="How to sign in" error={errors['oauth.grant']}>
          <select id="srv-oauth-grant" className="input" value={value.grant} onChange={(e) => set({ grant: e.target.value as OAuthFormState['grant'] })}>
            <option value="authorization_code">In a browser (you approve on the sign-in page)</option>
            <option value="client_credentials">Client credentials (no browser, the app signs in as itself)</option>
            <option value="enterprise">Through your organization (enterprise-managed, set up in Settings → Sign-in)</option>
          </select>
        </Field>
        <Field id="srv-oauth-client" label="Client ID" error={errors['oauth.clientId']} hint="Leave empty to register automatically.">
          <input
            id="srv-oauth-client"
            className="input mono"
            value={value.clientId}
            onChange={(e) => set({ clientId: e.target.value })}
            aria-invalid={errors['oauth.clientId'] ? true : undefined}
            spellCheck={false}
            autoComplete="off"
          />
        </Field>
        <Field
          id="srv-oauth-method"
          label="Client authentication"
          error={errors['oauth.authMethod']}
          hint="How the client proves itself to the authorization server."
        >
          <select id="srv-oauth-method" className="input" value={value.authMethod} onChange={(e) => set({ authMethod: e.target.value as AuthMethodChoice })}>
            {METHODS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </Field>
        {(wantsSecret(value) || value.authMethod === '') && value.authMethod !== 'none' && (
          <Field
            id="srv-oauth-secret"
            label={isKey ? 'Private key (PKCS#8 PEM)' : 'Client secret'}
            error={errors['oauth.clientSecret']}
            hint={stored ?? "Kept in Switchboard's secret store, never in config.json."}
          >
            {isKey ? (
              <textarea
                id="srv-oauth-secret"
                className="input mono signin-key"
                rows={4}
                value={value.secret}
                onChange={(e) => set({ secret: e.target.value })}
                aria-invalid={errors['oauth.clientSecret'] ? true : undefined}
                placeholder="-----BEGIN PRIVATE KEY-----"
                spellCheck={false}
                autoComplete="off"
              />
            ) : (
              <input
                id="srv-oauth-secret"
                className="input mono"
                type="password"
                value={value.secret}
                onChange={(e) => set({ secret: e.target.value })}
                aria-invalid={errors['oauth.clientSecret'] ? true : undefined}
                placeholder={value.secretStored ? 'Stored: leave empty to keep it' : 'Only for a client with a secret'}
                autoComplete="off"
              />
            )}
          </Field>
        )}
        <Field
          id="srv-oauth-scopes"
          label="Scopes (optional)"
          error={errors['oauth.scopes']}
          hint="Separated by spaces, e.g. read write. Empty: what the server asks for."
        >
          <input
            id="srv-oauth-scopes"
            className="input mono"
            value={value.scopes}
            onChange={(e) => set({ scopes: e.target.value })}
            aria-invalid={errors['oauth.scopes'] ? true : undefined}
            spellCheck={false}
            autoComplete="off"
          />
        </Field>
        {value.grant === 'authorization_code' && (
          <Field
            id="srv-oauth-cimd"
            label="Client metadata document URL (optional)"
            error={errors['oauth.clientMetadataUrl']}
            hint="An https URL that describes Switchboard as a client; empty uses the one in Settings, if any."
          >
            <input
              id="srv-oauth-cimd"
              className="input mono"
              type="url"
              value={value.clientMetadataUrl}
              onChange={(e) => set({ clientMetadataUrl: e.target.value })}
              aria-invalid={errors['oauth.clientMetadataUrl'] ? true : undefined}
              spellCheck={false}
              autoComplete="off"
            />
          </Field>
        )}
        <div className="field field-inline">
          <Toggle checked={value.dpop} onChange={(dpop) => set({ dpop })} label="Bind tokens to this app (DPoP)" />
          <span>Bind tokens to this app (DPoP): a stolen token is useless without Switchboard&apos;s key.</span>
        </div>
      </div>
    </details>
  );
}
