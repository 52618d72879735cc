// Token usage per turn: the sum over the assistant messages that answer one user message.
import type { MessageView, UsageView } from '../../app/api/index.ts';

/** The turn's total when `index` is the turn's last message, otherwise null. */
export function turnUsageAt(messages: MessageView[], index: number): UsageView | null {
  const message = messages[index];
  if (!message || message.role !== 'assistant') return null;
  const next = messages[index + 1];
  if (next && next.role === 'assistant') return null;
  const total: UsageView = { inputTokens: 0, outputTokens: 0, cacheReadInputTokens: 0, cacheCreationInputTokens: 0 };
  let found = false;
  for (let i = index; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'user') break;
    if (!m.usage) continue;
    found = true;
    total.inputTokens += m.usage.inputTokens;
    total.outputTokens += m.usage.outputTokens;
    total.cacheReadInputTokens += m.usage.cacheReadInputTokens;
    total.cacheCreationInputTokens += m.usage.cacheCreationInputTokens;
  }
  return found ? total : null;
}

export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 10_000) return `${(n / 1000).toFixed(1)}k`;
  return `${Math.round(n / 1000)}k`;
}
