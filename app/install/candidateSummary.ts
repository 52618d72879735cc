// How a server definition is shown before it is added: exactly what the launch dialog would show of it
// (command line or URL, folder and env values with hidden characters spelled out, header names, the
// sign-in set-up), so a review approves no more than it shows.
import type { ShownLaunchView } from '../api/views.ts';
import { shownLaunch } from '../safety/launchDefinition.ts';
import type { ServerTransportDefinition } from '../config/serverDefinition.ts';

export interface CandidateSummary {
  transport: ServerTransportDefinition['kind'];
  launch: ShownLaunchView;
}

/** `secretNames`: env names the source marked secret (a password input); secret-named ones are masked anyway. */
export function summarize(t: ServerTransportDefinition, secretNames: ReadonlySet<string> = new Set()): CandidateSummary {
  return { transport: t.kind, launch: shownLaunch(t, secretNames) };
}
