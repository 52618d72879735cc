// The tool calls an app made (not Claude), under the app's own tool card: approval, status and result.
import type { ToolCallView } from '../../../app/api/index.ts';
import { useAppStore } from '../../store/storeContext.tsx';
import { ToolCallCard } from '../chat/ToolCallCard.tsx';

const NONE: ToolCallView[] = [];

export function AppToolCalls({ parentCallId }: { parentCallId: string }) {
  const calls = useAppStore((s) => s.apps.calls[parentCallId] ?? NONE);
  if (calls.length === 0) return null;
  return (
    <div className="app-calls" role="group" aria-label="Tool calls made by the app">
      {calls.map((c) => (
        <ToolCallCard key={c.id} call={c} requester="app" />
      ))}
    </div>
  );
}
