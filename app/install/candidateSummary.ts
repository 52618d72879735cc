// How a server definition is shown before it is added: the exact command line or URL, and its secret keys.
import type { LaunchEnvView } from '../api/views.ts';
import { shownLaunch } from '../safety/launchDefinition.ts';
import { formatCommandLine } from '../safety/launchCommand.ts';
import type { ServerTransportDefinition } from '../config/serverDefinition.ts';

export interface CandidateSummary {
  transport: ServerTransportDefinition['kind'];
  summary: string;
  cwd?: string;
  secretKeys: string[];
  /** Env vars with values (secrets masked, launcher-changing names flagged), as the approval dialog shows them. */
  env: LaunchEnvView[];
}

export function summarize(t: ServerTransportDefinition): CandidateSummary {
  if (t.kind === 'stdio') {
    return {
      transport: 'stdio',
      summary: formatCommandLine(t),
      ...(t.cwd !== undefined ? { cwd: t.cwd } : {}),
      secretKeys: Object.keys(t.env).sort(),
      env: shownLaunch(t).env,
    };
  }
  return { transport: t.kind, summary: t.url, secretKeys: Object.keys(t.headers).sort(), env: [] };
}
