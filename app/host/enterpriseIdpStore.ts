// The organization's identity provider for enterprise-managed sign-in (SEP-990), set in Settings. All of it lives
// in the OAuth secret store (the ID token and client secret are credentials); Settings sees only what is set.
// A secret is kept only for the issuer it was typed for: changing the issuer forgets the stored ones.
import type { EnterpriseIdpView } from '../api/views.ts';
import type { EnterpriseIdpInput } from '../api/oauthInput.ts';
import type { EnterpriseIdp } from '../auth/enterpriseAuth.ts';
import { secretKeys, type AuthSecrets } from '../secrets/index.ts';

export class EnterpriseIdpStore {
  private current: EnterpriseIdp | undefined;

  constructor(
    private readonly secrets: AuthSecrets,
    /** Every secret value, for the redactor. */
    private readonly onSecrets: (values: string[]) => void,
  ) {}

  async load(): Promise<void> {
    const text = await this.secrets.read(secretKeys.enterpriseIdp);
    try {
      const parsed = text ? (JSON.parse(text) as EnterpriseIdp) : undefined;
      this.current = parsed && typeof parsed.issuer === 'string' && typeof parsed.clientId === 'string' ? parsed : undefined;
    } catch {
      this.current = undefined;
    }
    this.tell();
  }

  async idp(): Promise<EnterpriseIdp | undefined> {
    return this.current;
  }

  view(): EnterpriseIdpView | undefined {
    const c = this.current;
    if (!c) return undefined;
    return {
      issuer: c.issuer,
      clientId: c.clientId,
      ...(c.tokenEndpoint ? { tokenEndpoint: c.tokenEndpoint } : {}),
      clientSecretSet: !!c.clientSecret,
      idTokenSource: 'pasted',
      idTokenSet: !!c.idToken,
    };
  }

  async set(input: EnterpriseIdpInput | null): Promise<void> {
    if (input === null) {
      this.current = undefined;
      await this.secrets.write(secretKeys.enterpriseIdp, undefined);
      return;
    }
    const same = this.current?.issuer === input.issuer;
    const keep = (typed: string | null | undefined, stored: string | undefined) => (typed === undefined ? (same ? stored : undefined) : (typed ?? undefined));
    const clientSecret = keep(input.clientSecret, this.current?.clientSecret);
    const idToken = keep(input.idToken, this.current?.idToken);
    const tokenEndpoint = input.tokenEndpoint === undefined ? (same ? this.current?.tokenEndpoint : undefined) : input.tokenEndpoint || undefined;
    const next: EnterpriseIdp = {
      issuer: input.issuer,
      clientId: input.clientId,
      ...(tokenEndpoint ? { tokenEndpoint } : {}),
      ...(clientSecret ? { clientSecret } : {}),
      ...(idToken ? { idToken } : {}),
    };
    await this.secrets.write(secretKeys.enterpriseIdp, JSON.stringify(next));
    this.current = next;
    this.tell();
  }

  private tell(): void {
    const values = [this.current?.clientSecret, this.current?.idToken].filter((v): v is string => !!v);
    if (values.length) this.onSecrets(values);
  }
}
