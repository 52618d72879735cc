// Token usage of one turn, including cache reads and writes.
import type { UsageView } from '../../../app/api/index.ts';
import { formatTokens } from '../../store/turnUsage.ts';

export function UsageLine({ usage }: { usage: UsageView }) {
  const parts = [`${formatTokens(usage.inputTokens)} in`, `${formatTokens(usage.outputTokens)} out`];
  if (usage.cacheReadInputTokens) parts.push(`${formatTokens(usage.cacheReadInputTokens)} cache read`);
  if (usage.cacheCreationInputTokens) parts.push(`${formatTokens(usage.cacheCreationInputTokens)} cache write`);
  const full = `Tokens this turn: ${usage.inputTokens} input, ${usage.outputTokens} output, ${usage.cacheReadInputTokens} read from cache, ${usage.cacheCreationInputTokens} written to cache`;
  return (
    <div className="usage" title={full} aria-label={full}>
      {parts.join(' · ')}
    </div>
  );
}
