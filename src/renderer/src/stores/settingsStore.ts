// Practice settings and app facts for the Settings screen.
import { create } from 'zustand';
import type { AppInfo } from '../../../shared/ipc/contract';
import type { Office, Settings } from '../../../shared/settings/settings';
import { ApiError, call } from '../lib/api';
import { nowMs } from '../lib/clock';

interface SettingsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  settings: Settings | null;
  info: AppInfo | null;
  /** Message per office field, from main's validation. */
  fieldErrors: Partial<Record<keyof Office, string>>;
  savedAt: number | null;
  load(): Promise<void>;
  saveOffice(office: Office): Promise<boolean>;
}

export const useSettingsStore = create<SettingsState>((set) => ({
  status: 'idle',
  settings: null,
  info: null,
  fieldErrors: {},
  savedAt: null,
  load: async () => {
    set({ status: 'loading' });
    try {
      const [settings, info] = await Promise.all([call('settings:get', {}), call('app:info', {})]);
      set({ status: 'ready', settings, info });
    } catch {
      set({ status: 'error' });
    }
  },
  saveOffice: async (office) => {
    set({ fieldErrors: {} });
    try {
      const settings = await call('settings:update', { office });
      set({ settings, savedAt: nowMs() });
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation') {
        const key = (error.field ?? '').replace(/^office\./, '') as keyof Office;
        set({ fieldErrors: { [key]: error.message } });
      }
      return false;
    }
  },
}));
