// Launch gating: a server starts only once the person approved exactly what it runs (its command line)
// or contacts (its URL). The gate holds back every definition that is not approved, admits the ones the
// person approves, and says who a server is for grants.
import { HostError } from '../api/errors.ts';
import type { ConfigStore } from '../config/configStore.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';
import { serverIdentity } from '../safety/serverIdentity.ts';
import type { LaunchApproval, ServerTrustStore, TrustSettings } from '../safety/serverTrust.ts';
import type { SecretPlacement } from './secretPlacement.ts';

export class LaunchGate {
  /** Servers held back until the person approves their exact definition. */
  private gated = new Set<string>();

  constructor(
    private readonly store: Pick<ConfigStore, 'current'>,
    private readonly trust: ServerTrustStore,
    private readonly secrets: Pick<SecretPlacement, 'storedNames'>,
  ) {}

  launchOf(def: ServerDefinition): LaunchApproval {
    return this.trust.launchApproval(def.name, def.transport, this.secrets.storedNames(def.name));
  }

  /** These definitions as they may run now: an enabled one that is not approved runs as disabled. */
  runnable(defs: readonly ServerDefinition[]): ServerDefinition[] {
    this.gated = new Set(defs.filter((d) => !d.disabled && !this.launchOf(d).approved).map((d) => d.name));
    return defs.map((d) => (this.gated.has(d.name) ? { ...d, disabled: true } : d));
  }

  isGated(name: string): boolean {
    return this.gated.has(name);
  }

  requireApproved(name: string): void {
    if (this.gated.has(name)) throw new HostError('conflict', `"${name}" needs your approval of its definition before it can start.`);
  }

  /** The person saved the edit form: `previous` says whether the entry it replaces was approved. */
  async admitForm(def: ServerDefinition, previous: 'none' | 'approved' | 'unapproved'): Promise<void> {
    await this.trust.admit(def.name, def.transport, { kind: 'form', previous }, this.secrets.storedNames(def.name));
  }

  /** The person approved the definition they were shown (its fingerprint); a different one (changed meanwhile) is refused. */
  async approve(def: ServerDefinition, fingerprint: string): Promise<void> {
    const verdict = await this.trust.admit(def.name, def.transport, { kind: 'dialog', fingerprint }, this.secrets.storedNames(def.name));
    if (verdict.kind === 'refuse') throw new HostError('conflict', verdict.message);
  }

  /** Who the server is for grants: its command line or URL, plus the current definition. */
  identityOf(name: string): { identity: string; trust: TrustSettings } | undefined {
    const def = this.store.current().definitions.find((d) => d.name === name);
    if (!def) return undefined;
    return { identity: serverIdentity(def.transport), trust: this.trust.trustFor(name, def.transport) };
  }
}
