// The one place an install writes a secret value (an `${input:…}` answer, a registry or bundle secret).
// Today env and header values live in config.json (redacted everywhere they leave the core); when
// they move to the secret store, only this function changes: it will store the value and return
// the reference to write instead.

export interface SecretPlacement {
  server: string;
  /** `env` or `headers`. */
  field: 'env' | 'headers';
  key: string;
  value: string;
}

export type PlaceSecret = (placement: SecretPlacement) => Promise<string>;

/** Keeps the value in the entry as it is. */
export const inlineSecret: PlaceSecret = async ({ value }) => value;
