// The to-do list: items from calls, prior authorizations and the re-verify worklist, with who owns each,
// done and snooze. Every change goes to main first; a change someone else made first is reported and the
// list is read again.
import { create } from 'zustand';
import type { TodoItem, TodoUpdate } from '../../../shared/worklist/todoViews';
import { ApiError, call } from '../lib/api';

interface TodoState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: TodoItem[];
  includeDone: boolean;
  message: string | null;
  load(): Promise<void>;
  showDone(includeDone: boolean): Promise<void>;
  update(item: TodoItem, change: Omit<TodoUpdate, 'key' | 'version'>): Promise<void>;
}

export const useTodoStore = create<TodoState>((set, get) => ({
  status: 'idle',
  items: [],
  includeDone: false,
  message: null,
  load: async () => {
    set({ status: 'loading' });
    try {
      set({ status: 'ready', items: await call('todo:list', { includeDone: get().includeDone }) });
    } catch {
      set({ status: 'error' });
    }
  },
  showDone: async (includeDone) => {
    set({ includeDone });
    await get().load();
  },
  update: async (item, change) => {
    try {
      await call('todo:update', { key: item.key, version: item.version, ...change });
      set({ message: null });
    } catch (error) {
      set({ message: error instanceof ApiError ? error.message : 'The change was not saved.' });
    }
    await get().load();
  },
}));
