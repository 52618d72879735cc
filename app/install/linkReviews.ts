// Install links waiting for the person. Approval names the review and the fingerprint it showed;
// a later link for the same name, or a different definition, makes the earlier approval fail.
import { randomUUID } from 'node:crypto';
import { HostError } from '../api/errors.ts';
import type { LinkReviewView } from '../api/installViews.ts';
import { parseEntry } from '../config/configLoader.ts';
import { launchFingerprint } from '../safety/launchCommand.ts';
import { summarize } from './candidateSummary.ts';
import { InstallLinkError, parseInstallLink, type InstallLink } from './installLink.ts';

interface Pending {
  link: InstallLink;
  view: LinkReviewView;
}

const MAX_PENDING = 20;

export class LinkReviews {
  private readonly pending = new Map<string, Pending>();
  private readonly latestByName = new Map<string, string>();

  /** Reads a link into a review; nothing is written. */
  open(text: string, exists: (name: string) => boolean): LinkReviewView {
    let link: InstallLink;
    try {
      link = parseInstallLink(text);
    } catch (error) {
      if (error instanceof InstallLinkError) throw new HostError('invalid-params', error.message);
      throw error;
    }
    const parsed = parseEntry(link.name, link.entry, link.name);
    if (!parsed.definition) {
      const issue = parsed.issues[0];
      throw new HostError(
        'invalid-params',
        `The link's server definition cannot be used: ${issue ? `${issue.path}: ${issue.message}` : 'it is not a server entry.'}`,
      );
    }
    const id = randomUUID();
    const view: LinkReviewView = {
      id,
      shape: link.shape,
      name: link.name,
      ...summarize(parsed.definition.transport),
      fingerprint: launchFingerprint(parsed.definition.transport),
      exists: exists(link.name),
    };
    this.pending.set(id, { link, view });
    this.latestByName.set(link.name, id);
    while (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    return view;
  }

  list(): LinkReviewView[] {
    return [...this.pending.values()].map((p) => p.view);
  }

  /**
   * The link the person approved, if it is still exactly what they saw: the same review, the same
   * definition (fingerprint), and no newer link for the same name since. Removes it from the pending list.
   */
  take(id: string, fingerprint: string): InstallLink {
    const p = this.pending.get(id);
    if (!p) throw new HostError('not-found', 'This install link was already handled. Open it again to install.');
    if (this.latestByName.get(p.link.name) !== id) {
      this.drop(id);
      throw new HostError('conflict', `A newer link for "${p.link.name}" arrived after you reviewed this one, so it was not installed. Review the newer one.`);
    }
    if (p.view.fingerprint !== fingerprint) {
      this.drop(id);
      throw new HostError('conflict', `The definition of "${p.link.name}" is not the one you reviewed, so it was not installed. Open the link again.`);
    }
    this.drop(id);
    return p.link;
  }

  drop(id: string): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (this.latestByName.get(p.link.name) === id) this.latestByName.delete(p.link.name);
  }
}
