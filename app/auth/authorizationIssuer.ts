// Who sent an authorization response, and whether two authorization server URLs name the same server:
// the checks SignIns makes before it trusts a callback (RFC 9207) or revokes tokens at a rediscovered server.

/** Two authorization server URLs as the SDK compares them: parsed, a trailing `/` tolerated. */
export function sameIssuer(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      return new URL(u).href.replace(/\/$/, '');
    } catch {
      return u.replace(/\/$/, '');
    }
  };
  return norm(a) === norm(b);
}

/** RFC 9207: where the server advertises `iss` in authorization responses it must be there and be the issuer. */
export function issProblem(metadata: { issuer: string } | undefined, iss: string | null): string | undefined {
  if (!metadata) return undefined;
  const expected = metadata.issuer;
  const advertised = (metadata as { authorization_response_iss_parameter_supported?: boolean }).authorization_response_iss_parameter_supported === true;
  if (iss === null) {
    return advertised
      ? `The authorization response did not say which server sent it (no "iss"), though ${new URL(expected).host} promises to; Switchboard refused it.`
      : undefined;
  }
  if (iss !== expected)
    return `The authorization response came from "${iss.slice(0, 200)}", not from ${expected}; Switchboard refused it (a mix-up attack looks like this).`;
  return undefined;
}
