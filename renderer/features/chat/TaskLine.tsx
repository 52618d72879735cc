// The line a tool card shows while (and after) its call runs as an MCP task: the task's status in words,
// the server's own message about it, and that it keeps going across reloads and restarts.
import type { TaskEventView, TaskStatusView, ToolTaskView } from '../../../app/api/index.ts';

const STATUS_WORDS: Record<TaskStatusView, { word: string; tone: 'busy' | 'ask' | 'good' | 'bad' | 'muted' }> = {
  working: { word: 'Working', tone: 'busy' },
  input_required: { word: 'Needs your answer', tone: 'ask' },
  completed: { word: 'Completed', tone: 'good' },
  failed: { word: 'Failed', tone: 'bad' },
  cancelled: { word: 'Cancelled', tone: 'muted' },
  lost: { word: 'Lost', tone: 'bad' },
};

export function taskStatusWord(status: TaskStatusView): { word: string; tone: 'busy' | 'ask' | 'good' | 'bad' | 'muted' } {
  return STATUS_WORDS[status];
}

export function taskEventWords(e: TaskEventView): string {
  const status = e.status ? taskStatusWord(e.status).word.toLowerCase() : '';
  const head =
    e.kind === 'created'
      ? 'Task created'
      : e.kind === 'resumed'
        ? 'Picked up again after a restart'
        : e.kind === 'input'
          ? 'Input'
          : e.kind === 'result'
            ? `Result (${status || 'completed'})`
            : e.kind === 'cancel'
              ? 'Cancel'
              : e.kind === 'lost'
                ? 'Lost'
                : `Status: ${status}`;
  return e.message ? `${head} — ${e.message}` : head;
}

export function TaskLine({ task, live }: { task: ToolTaskView; live: boolean }) {
  const { word, tone } = taskStatusWord(task.status);
  return (
    <div className={`task-line task-${tone}`} data-task-status={task.status} aria-live="polite">
      <span className="task-badge">MCP task</span>
      <span className="task-status">{word}</span>
      {task.statusMessage && (live || task.status !== 'completed') && <span className="task-message">{task.statusMessage}</span>}
      {live && <span className="task-note muted small">runs on its server; a reload does not stop it</span>}
    </div>
  );
}
