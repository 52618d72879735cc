// The Tasks page: every MCP task still running, across conversations, with its server, age and status.
// A task's result goes to its own conversation; from here the person opens it or stops the task.
import { useCallback, useEffect, useState } from 'react';
import type { TaskListItemView } from '../../../app/api/index.ts';
import { useActions } from '../../store/storeContext.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { formatDuration } from '../../ui/format.ts';
import { useNow } from '../../ui/useNow.ts';
import { taskStatusWord } from '../chat/TaskLine.tsx';

/** How often the open page reads the list again. */
const REFRESH_MS = 2_000;

export function TasksPane() {
  const { listTasks, cancelTask, openConversation, navigate } = useActions();
  const [tasks, setTasks] = useState<TaskListItemView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(true);
  const refresh = useCallback(() => {
    listTasks().then(
      (list) => {
        setTasks(list);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [listTasks]);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  if (tasks !== null && tasks.length === 0 && !error) {
    return (
      <EmptyState icon="tasks" title="No tasks running">
        When Claude calls a tool that runs as an MCP task (a long job on its server), it is listed here while it runs, whichever conversation it belongs to. Its
        result goes to its conversation, even after a reload or a restart.
      </EmptyState>
    );
  }
  return (
    <div className="pane-scroll">
      <div className="pane-inner">
        <h1 className="page-title">Tasks</h1>
        {error && <p className="tool-error">Could not read the tasks: {error}</p>}
        {tasks === null ? (
          <p className="muted">Loading…</p>
        ) : (
          <table className="tasks-table" aria-label="Running tasks">
            <thead>
              <tr>
                <th>Tool</th>
                <th>Conversation</th>
                <th>Status</th>
                <th>Age</th>
                <th className="col-id">Task id</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {tasks.map((t) => {
                const { word, tone } = taskStatusWord(t.task.status);
                return (
                  <tr key={t.callId} data-task-id={t.task.taskId}>
                    <td className="col-tool">
                      <span className="tool-server">{t.server}</span> <span className="mono">{t.toolName}</span>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link-btn"
                        onClick={() => {
                          navigate('chat');
                          void openConversation(t.conversationId);
                        }}
                      >
                        {t.conversationTitle}
                      </button>
                    </td>
                    <td className={`task-${tone}`}>
                      <span className="task-status">{word}</span>
                      {t.task.statusMessage && <div className="small muted">{t.task.statusMessage}</div>}
                    </td>
                    <td className="col-age">{formatDuration(Math.max(0, now - t.task.createdAt))}</td>
                    <td className="col-id mono small" title={t.task.taskId}>
                      {t.task.taskId}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn"
                        aria-label={`Stop the task of ${t.toolName}`}
                        onClick={() => void cancelTask(t.conversationId, t.callId).then(refresh)}
                      >
                        Stop
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
