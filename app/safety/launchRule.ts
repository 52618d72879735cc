// The one rule for when a server definition counts as approved. Every path that adds or changes a
// server (the form, pasted JSON, an on-disk edit, and the install paths: registry, bundles, links,
// other apps' configs) names how the definition arrived, and only this function turns that into an
// approval. Nothing reaches "approved" unless the person saw the full definition.
import { assertNever } from '../api/errors.ts';
import { launchFingerprint } from './launchCommand.ts';
import type { ServerConnectionDef } from './serverIdentity.ts';

export type ExternalSource = 'import' | 'disk' | 'registry' | 'bundle' | 'link' | 'other-app';

export type LaunchEvidence =
  /** The person pressed "Approve" on the dialog that showed the definition with this fingerprint. */
  | { kind: 'dialog'; fingerprint: string }
  /**
   * The person saved the edit form. `previous` is the state of the entry they edited: a new entry
   * (`none`) was typed in full; an `approved` one was seen before; an `unapproved` one (imported,
   * changed on disk) was never seen in full, so saving it, even unchanged, approves nothing.
   */
  | { kind: 'form'; previous: 'none' | 'approved' | 'unapproved' }
  /** Anything someone else wrote: it waits for the dialog. */
  | { kind: 'external'; source: ExternalSource };

export type LaunchVerdict = { kind: 'record'; source: 'person' | 'form' } | { kind: 'wait' } | { kind: 'refuse'; message: string };

export function launchVerdict(name: string, def: ServerConnectionDef, evidence: LaunchEvidence): LaunchVerdict {
  switch (evidence.kind) {
    case 'dialog':
      return evidence.fingerprint === launchFingerprint(def)
        ? { kind: 'record', source: 'person' }
        : { kind: 'refuse', message: `The definition of "${name}" changed since it was shown to you. Review it again before approving.` };
    case 'form':
      return evidence.previous === 'unapproved' ? { kind: 'wait' } : { kind: 'record', source: 'form' };
    case 'external':
      return { kind: 'wait' };
    default:
      return assertNever(evidence);
  }
}
