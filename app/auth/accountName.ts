// "Signed in as …": read from the ID token, else a JWT access token. Display only; nothing trusts these claims.

function claims(jwt: string | undefined): Record<string, unknown> | undefined {
  const part = jwt?.split('.')[1];
  if (!part) return undefined;
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function accountName(tokens: { id_token?: string | undefined; access_token?: string | undefined } | undefined): string | undefined {
  for (const c of [claims(tokens?.id_token), claims(tokens?.access_token)]) {
    const name = c?.email ?? c?.preferred_username ?? c?.username ?? c?.sub;
    if (typeof name === 'string' && name) return name.slice(0, 200);
  }
  return undefined;
}
