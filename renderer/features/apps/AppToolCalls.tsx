// The tool calls an app made (not Claude), under the app's own tool card: approval, status and result.
import type { ToolCallView } from '../../../app/api/index.ts';
import { useAppStore } from '../../store/storeContext.tsx';
import { ToolCallCard } from '../chat/ToolCallCard.tsx';

const NONE: ToolCallView[] = [];

/** `saved`: the calls saved with the conversation; live updates of this session replace them by id. */
export function AppToolCalls({ parentCallId, saved = NONE }: { parentCallId: string; saved?: ToolCallView[] }) {
  const live = useAppStore((s) => s.apps.calls[parentCallId] ?? NONE);
  const calls = [...saved.filter((c) => !live.some((l) => l.id === c.id)), ...live];
  if (calls.length === 0) return null;
  return (
    <div className="app-calls" role="group" aria-label="Tool calls made by the app">
      {calls.map((c) => (
        <ToolCallCard key={c.id} call={c} requester="app" />
      ))}
    </div>
  );
}
