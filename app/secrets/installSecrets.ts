// The one place an install says a value is secret (an `${input:…}` answer, a registry field marked
// `isSecret`, a bundle's sensitive `user_config`). The value stays in the entry only until the entry
// is added: `InstallTarget.addEntries` (app/host) moves every marked (and every secret-named) env or header value
// into the secret store, bound to the entry's command line or URL origin, and writes a reference.

/** One value an install marked secret, on its way to the store. */
export interface SecretToPlace {
  server: string;
  /** `env` or `headers`. */
  field: 'env' | 'headers';
  key: string;
  value: string;
}

export type PlaceSecret = (placement: SecretToPlace) => Promise<string>;

/** Remembers which keys of which entry are secret until the entry is added. */
export class SecretMarks {
  private readonly marks = new Map<string, Set<string>>();

  readonly place: PlaceSecret = async ({ server, key, value }) => {
    const keys = this.marks.get(server) ?? new Set<string>();
    keys.add(key);
    this.marks.set(server, keys);
    return value;
  };

  /** The marked keys of an entry, forgotten once taken. */
  take(server: string): string[] {
    const keys = [...(this.marks.get(server) ?? [])];
    this.marks.delete(server);
    return keys;
  }
}
