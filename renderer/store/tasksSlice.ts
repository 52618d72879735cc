// The Tasks view's actions: the running MCP tasks across conversations, and stopping one. The list is
// read when the view asks (it keeps it while open), not held in the store.
import type { TaskListItemView } from '../../app/api/index.ts';
import type { SliceContext } from './sliceTools.ts';

export interface TasksActions {
  listTasks(): Promise<TaskListItemView[]>;
  cancelTask(conversationId: string, callId: string): Promise<boolean>;
}

export function tasksActions({ api }: SliceContext): TasksActions {
  return {
    listTasks: () => api['tasks.list']({}),
    cancelTask: async (conversationId, callId) => (await api['tasks.cancel']({ conversationId, callId })).cancelled,
  };
}
