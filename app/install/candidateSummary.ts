// How a server definition is shown before it is added: the exact command line or URL, and its secret keys.
import { canonicalHash } from '../safety/canonicalJson.ts';
import { formatCommandLine, isCodeLoadingEnv } from '../safety/launchCommand.ts';
import type { ServerTransportDefinition } from '../config/serverDefinition.ts';

export interface CandidateSummary {
  transport: ServerTransportDefinition['kind'];
  summary: string;
  cwd?: string;
  secretKeys: string[];
}

export function summarize(t: ServerTransportDefinition): CandidateSummary {
  if (t.kind === 'stdio') {
    return {
      transport: 'stdio',
      summary: formatCommandLine(t),
      ...(t.cwd !== undefined ? { cwd: t.cwd } : {}),
      secretKeys: Object.keys(t.env).filter((k) => !isCodeLoadingEnv(k)).sort(),
    };
  }
  return { transport: t.kind, summary: t.url, secretKeys: Object.keys(t.headers).sort() };
}

/** Everything that decides what runs or where it connects, values included: what an approval covers. */
export function definitionFingerprint(t: ServerTransportDefinition): string {
  return canonicalHash(t);
}
