// Secret placement for server entries: the one door through which the servers side of the host puts
// secret values in the SecretStore, turns them back into references, moves them with a renamed entry,
// forgets them with a removed one, and tells the redactor which values to mask. The internals (the
// store, `${secret:id}` references, their bindings) live in app/secrets.
import type { RawConfig } from '../config/configSchema.ts';
import type { LoadedConfig } from '../config/configLoader.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';
import type { UpsertEdit } from './configEdits.ts';
import {
  inlineSecretNames,
  moveEntrySecrets,
  moveImportedSecrets,
  storeFormSecrets,
  writeMovedSecrets,
  type ExternalEntry,
  type MovedSecrets,
  type MovedValue,
  type Redactor,
  type ServerSecrets,
} from '../secrets/index.ts';

export class SecretPlacement {
  constructor(
    private readonly secrets: ServerSecrets,
    private readonly redactor: Redactor,
  ) {}

  /** The loaded config with every reference replaced by its value, where the binding allows (ConfigStore's `resolve`). */
  resolve(loaded: LoadedConfig): LoadedConfig {
    return this.secrets.resolve(loaded);
  }

  /** The env/header names of a server whose values come from the store. */
  storedNames(server: string): ReadonlySet<string> {
    return this.secrets.storedNames(server);
  }

  /** Secret-named values still written in config.json for this entry. */
  inlineNames(raw: RawConfig, server: string): string[] {
    return inlineSecretNames(raw, server);
  }

  /** The form's entry with its secret values stored and replaced by references (`stored` lists them). */
  placeFormSecrets(edit: UpsertEdit, raw: RawConfig): Promise<{ edit: UpsertEdit; stored: string[] }> {
    return storeFormSecrets(this.secrets, edit, raw);
  }

  /** Entries from elsewhere with their inline secret values moved to the store. */
  placeImported(
    entries: ExternalEntry[],
    raw: RawConfig,
    options: { replace?: boolean } = {},
  ): Promise<{ prepared: { name: string; entry: Record<string, unknown> }[]; secretsMoved: MovedSecrets[] }> {
    return moveImportedSecrets(this.secrets, entries, raw, options);
  }

  /** Stores the inline secret values of one entry; `writeMoved` then puts their references in the file. */
  takeInline(raw: RawConfig, server: string): Promise<{ field: 'env' | 'headers'; moved: MovedValue[] }> {
    return moveEntrySecrets(this.secrets, raw, server);
  }

  /** Writes the references of `takeInline`'s values where the same values still stand; returns the references written. */
  writeMoved(raw: RawConfig, server: string, field: 'env' | 'headers', moved: readonly MovedValue[]): string[] {
    return writeMovedSecrets(raw, server, field, moved);
  }

  /** Forgets stored values whose references were never written (a refused or changed edit). */
  discard(references: string[]): Promise<void> {
    return this.secrets.discard(references);
  }

  renameServer(from: string, to: string): Promise<void> {
    return this.secrets.renameServer(from, to);
  }

  forgetServer(server: string): Promise<void> {
    return this.secrets.forgetServer(server);
  }

  /** The redactor masks the secrets of the servers configured now: a removed server's values are forgotten. */
  redactFor(defs: readonly ServerDefinition[]): void {
    this.redactor.setServers(defs, (name) => this.secrets.storedNames(name));
  }
}
